FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY . .
RUN go build -o /productcatalogservice .

FROM alpine:3.19
RUN GRPC_HEALTH_PROBE_VERSION=v0.4.24 && \
    wget -qO/bin/grpc_health_probe https://github.com/grpc-ecosystem/grpc-health-probe/releases/download/${GRPC_HEALTH_PROBE_VERSION}/grpc_health_probe-linux-amd64 && \
    chmod +x /bin/grpc_health_probe
COPY --from=builder /productcatalogservice /src/server
EXPOSE 3550
ENTRYPOINT ["/src/server"]
