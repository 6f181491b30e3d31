FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /feeds .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /feeds /feeds
EXPOSE 8080
ENTRYPOINT ["/feeds"]
