FROM php:8.3-cli-alpine
RUN apk add --no-cache libzip-dev \
    && apk add --no-cache --virtual .sockets-build-deps linux-headers \
    && docker-php-ext-install sockets \
    && apk del --no-network .sockets-build-deps && docker-php-ext-enable sockets
