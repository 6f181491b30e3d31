FROM composer:2 AS vendor
WORKDIR /tmp/
COPY composer.json composer.json
RUN composer install \
    --ignore-platform-reqs \
    --no-interaction \
    --no-dev \
    --prefer-dist

FROM php:8.3-cli-alpine
RUN docker-php-ext-install sockets pcntl
COPY --from=vendor /tmp/vendor/ /var/www/vendor/
