FROM php:8.3-cli-alpine
RUN apk add --no-cache libzip-dev \
    && docker-php-ext-install sockets && docker-php-ext-enable sockets
