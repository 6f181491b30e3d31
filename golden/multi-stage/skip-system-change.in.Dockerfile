FROM golang:1.22
RUN curl -sSL -o /usr/local/bin/migrate https://example.com/migrate-linux-amd64 && chmod +x /usr/local/bin/migrate
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
CMD ["/out/api"]
