FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /out/server /app/server
COPY config/defaults.yaml /data/config.yaml
VOLUME /data
ENTRYPOINT ["/app/server", "--data-dir", "/data"]
