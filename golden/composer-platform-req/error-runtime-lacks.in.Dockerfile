FROM composer:2 AS vendor
COPY composer.json composer.lock ./
RUN composer install --no-dev --prefer-dist

FROM php:8.2-fpm-alpine
RUN docker-php-ext-install pcntl
COPY --from=vendor /app/vendor /var/www/html/vendor
