FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /gateway ./cmd/grpc-gateway

FROM alpine:3.20
COPY --from=build /gateway /usr/local/bin/gateway
EXPOSE 8080
ENTRYPOINT ["gateway", "--grpc-server-endpoint=api:9090"]
