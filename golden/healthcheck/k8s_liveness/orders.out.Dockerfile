FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /orders ./cmd/orders

FROM alpine:3.20
COPY --from=build /orders /orders
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8081/internal/health"]
ENTRYPOINT ["/orders"]
