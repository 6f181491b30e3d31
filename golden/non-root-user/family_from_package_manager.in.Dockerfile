FROM registry.example.com/platform/base:2024.05
RUN apk add --no-cache ca-certificates
WORKDIR /app
COPY service /app/service
CMD ["/app/service"]
