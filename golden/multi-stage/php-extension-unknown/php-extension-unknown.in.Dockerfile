FROM php:8.2-apache

ARG PHP_EXTENSIONS="gd intl"
RUN apt-get update && apt-get install -y --no-install-recommends libpng-dev libicu-dev \
    && docker-php-ext-install ${PHP_EXTENSIONS} \
    && rm -rf /var/lib/apt/lists/*

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer

WORKDIR /var/www/html
COPY composer.json ./
RUN composer install --no-dev --no-interaction

COPY . .
EXPOSE 80
