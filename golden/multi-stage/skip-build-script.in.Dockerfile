FROM golang:1.22
WORKDIR /src
COPY . .
RUN ./scripts/build.sh
RUN go build -o /out/app ./cmd/app
CMD ["/out/app"]
