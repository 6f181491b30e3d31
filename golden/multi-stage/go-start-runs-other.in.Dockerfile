FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
