FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json ./
RUN composer install --no-dev -o --prefer-dist --no-scripts --no-interaction

FROM php:8.1-apache

RUN apt-get update && apt-get install -y unzip

RUN a2enmod rewrite

WORKDIR /var/www/html
COPY composer.json ./
COPY --from=vendor /app/vendor /var/www/html/vendor
COPY public/ public/
COPY src/ src/

EXPOSE 80
