FROM golang:1.22-alpine3.19 AS build
RUN apk add --no-cache git gcc musl-dev tzdata
WORKDIR /app
COPY . .
RUN go build -o bin/worker ./cmd/worker

FROM alpine:3.19 AS runtime
RUN apk add --no-cache tzdata
WORKDIR /app
COPY --from=build /app/bin/worker /app/bin/worker
CMD ["./bin/worker"]
