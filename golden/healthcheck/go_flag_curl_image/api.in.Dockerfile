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
ENTRYPOINT ["orders"]
