FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --no-autoloader --prefer-dist --no-interaction
COPY . .
RUN composer dump-autoload --optimize --no-dev --no-scripts

FROM php:8.2-apache

RUN apt-get update && apt-get install -y \
    zip \
    libzip-dev

RUN a2enmod rewrite \
 && sed -i 's#/var/www/html#/var/www/html/public#g' /etc/apache2/sites-available/000-default.conf

WORKDIR /var/www/html

COPY composer.json composer.lock ./

COPY . .
COPY --from=vendor /app/vendor /var/www/html/vendor

EXPOSE 80
