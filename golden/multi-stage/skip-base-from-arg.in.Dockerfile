ARG GO_IMAGE=golang:1.22
FROM ${GO_IMAGE}
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
CMD ["app"]
