FROM golang:1.22-bookworm
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
CMD app serve --port $PORT
