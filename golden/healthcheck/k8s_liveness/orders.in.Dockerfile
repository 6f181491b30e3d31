FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /orders ./cmd/orders

FROM alpine:3.20
COPY --from=build /orders /orders
EXPOSE 8080 8081
ENTRYPOINT ["/orders"]
