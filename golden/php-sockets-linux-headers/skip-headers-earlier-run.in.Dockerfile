FROM php:8.2-fpm-alpine
RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS linux-headers
RUN docker-php-ext-install sockets
