FROM registry.example.com/platform/base:2024.05
RUN apk add --no-cache ca-certificates
WORKDIR /app
COPY service /app/service
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && chown app:app /app
USER 1001:1001
CMD ["/app/service"]
