FROM composer:2 AS vendor
WORKDIR /app
COPY backend/composer.json backend/composer.lock ./
RUN composer install --no-autoloader --no-dev --optimize-autoloader --no-interaction --no-progress --prefer-dist --no-scripts
COPY backend/ .
RUN composer dump-autoload --optimize --no-dev --no-scripts

FROM php:8.3-apache

WORKDIR /var/www/html
COPY backend/ .
COPY --from=vendor /app/vendor /var/www/html/vendor

EXPOSE 80
