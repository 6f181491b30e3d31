FROM alpine:3.20
WORKDIR /app
RUN apk add --no-cache --virtual .fetch-deps curl tar \
    && curl -fsSL https://example.com/app.tar.gz | tar xz \
    && apk del --no-network .fetch-deps \
    && apk add --no-cache nodejs
EXPOSE 5000
CMD ["node", "index.js"]
