FROM golang:1.22-alpine
RUN adduser -D -u 1000 app
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/server ./cmd/server
USER app
CMD ["server"]
