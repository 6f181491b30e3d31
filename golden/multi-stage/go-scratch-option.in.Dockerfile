FROM golang:1.23
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /bin/hello .
ENTRYPOINT ["/bin/hello"]
