FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /out/server /app/server
COPY --chown=65532:65532 config/defaults.yaml /data/config.yaml
VOLUME /data
USER 65532:65532
ENTRYPOINT ["/app/server", "--data-dir", "/data"]
