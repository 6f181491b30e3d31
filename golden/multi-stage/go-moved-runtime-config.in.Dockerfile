FROM golang:1.22-alpine
# metadata
LABEL maintainer="ops@example.com"
EXPOSE 8080
# the process is told to stop with SIGINT
STOPSIGNAL SIGINT
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/server .
CMD ["/app/server"]
