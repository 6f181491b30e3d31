FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/billing-worker ./cmd/worker

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /bin/billing-worker /billing-worker
EXPOSE 9100
ENTRYPOINT ["/billing-worker"]
