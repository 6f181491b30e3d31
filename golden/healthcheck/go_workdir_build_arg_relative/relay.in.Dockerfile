FROM golang:1.21-alpine AS builder
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags "-s -w" -o relay

FROM scratch
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY --from=builder /build/relay ./relay
EXPOSE 9090
CMD ["./relay"]
