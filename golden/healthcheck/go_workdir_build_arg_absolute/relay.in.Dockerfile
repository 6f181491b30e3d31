FROM golang:1.21-alpine AS builder
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags "-s -w" -o relay

FROM scratch
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY --from=builder /build/relay /usr/local/bin/relay
EXPOSE 9090
CMD ["/usr/local/bin/relay"]
