FROM python:3.13-alpine
RUN apk add --no-cache libpq
WORKDIR /app
COPY . .
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "8000"]
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
