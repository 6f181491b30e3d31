FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /gateway ./cmd/grpc-gateway

FROM alpine:3.20
COPY --from=build /gateway /usr/local/bin/gateway
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["gateway", "--grpc-server-endpoint=api:9090"]
