FROM golang:1.22
ARG BIN=app
WORKDIR /src
COPY . .
RUN go build -o /out/${BIN} .
CMD ["/out/app"]
