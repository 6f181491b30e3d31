FROM php:8.3-apache

COPY --from=composer:2 /usr/bin/composer /usr/local/bin/composer

WORKDIR /var/www/html
COPY backend/ .
RUN composer install --no-dev --optimize-autoloader --no-interaction --no-progress

EXPOSE 80
