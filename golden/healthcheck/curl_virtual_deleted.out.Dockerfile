FROM alpine:3.20
WORKDIR /app
RUN apk add --no-cache --virtual .fetch-deps curl tar \
    && curl -fsSL https://example.com/app.tar.gz | tar xz \
    && apk del --no-network .fetch-deps \
    && apk add --no-cache nodejs
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:5000/health"]
CMD ["node", "index.js"]
