FROM golang:1.22-alpine3.19
RUN apk add --no-cache git gcc musl-dev tzdata
WORKDIR /app
COPY . .
RUN go build -o bin/worker ./cmd/worker
CMD ["./bin/worker"]
