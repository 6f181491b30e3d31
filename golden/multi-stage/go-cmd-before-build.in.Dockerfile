FROM golang:1.22
WORKDIR /src
COPY . .
EXPOSE 8080
CMD ["/out/app"]
RUN CGO_ENABLED=0 go build -o /out/app .
