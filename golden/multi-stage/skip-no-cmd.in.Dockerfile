FROM golang:1.22-alpine
WORKDIR /build
RUN apk add --no-cache protobuf-dev
COPY go.mod go.sum ./
RUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.34.2
