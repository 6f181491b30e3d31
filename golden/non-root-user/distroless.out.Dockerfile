FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /server .

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /server /app/server
COPY config.yaml ./
EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/app/server"]
