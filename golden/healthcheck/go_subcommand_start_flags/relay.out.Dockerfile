FROM golang:1.21-alpine AS builder
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags "-s -w" -o relay

FROM scratch
COPY --from=builder /build/relay /relay
EXPOSE 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/relay", "healthcheck"]
ENTRYPOINT ["/relay", "-v"]
