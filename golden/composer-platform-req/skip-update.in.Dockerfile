FROM composer:2 AS vendor
COPY composer.json composer.lock ./
RUN composer update --no-dev --ignore-platform-reqs

FROM php:8.3-cli-alpine
RUN docker-php-ext-install sockets pcntl
COPY --from=vendor /app/vendor /var/www/vendor
