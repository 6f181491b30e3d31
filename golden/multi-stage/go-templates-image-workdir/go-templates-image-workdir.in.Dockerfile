FROM golang:1.22
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/web .
EXPOSE 8080
CMD ["web"]
