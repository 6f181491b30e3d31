FROM golang:1.19

WORKDIR /go/src/app
COPY . .

RUN go build -v -o /go/bin/app .

EXPOSE 8080
CMD ["app"]
