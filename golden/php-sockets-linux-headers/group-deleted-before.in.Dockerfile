FROM php:8.2-cli-alpine
RUN apk add --no-cache --virtual .fetch-deps curl \
    && curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz \
    && apk del --no-network .fetch-deps \
    && docker-php-ext-install sockets
