FROM golang:1.22
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .
CMD ["/out/app"]
