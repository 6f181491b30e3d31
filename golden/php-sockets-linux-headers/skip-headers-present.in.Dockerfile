FROM php:8.2-fpm-alpine
RUN apk add --no-cache linux-headers \
    && docker-php-ext-install sockets
