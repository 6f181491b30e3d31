FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/orders .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates curl
COPY --from=build /out/orders /usr/local/bin/orders
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "--max-time", "5", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["orders"]
