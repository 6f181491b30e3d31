FROM golang:1.22
WORKDIR /
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
CMD ["/out/app"]
