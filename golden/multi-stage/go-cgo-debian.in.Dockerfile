FROM golang:1.21
LABEL org.opencontainers.image.source="https://github.com/example/api"
ENV GO111MODULE=on \
    APP_ENV=production
WORKDIR /go/src/app
COPY . .
# the sqlite driver needs cgo
RUN go build -o /go/bin/api ./cmd/api
EXPOSE 9000
ENTRYPOINT ["/go/bin/api"]
CMD ["--listen", ":9000"]
