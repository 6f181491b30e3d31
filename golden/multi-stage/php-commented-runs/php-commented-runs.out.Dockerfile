FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json ./
RUN composer install --no-autoloader --no-dev --no-interaction --prefer-dist --optimize-autoloader --no-scripts
COPY . .
RUN composer dump-autoload --optimize --classmap-authoritative --no-dev --no-scripts

FROM php:8.3-fpm

# composer from its official image

WORKDIR /var/www
COPY . .

# the dependencies

# an optimized class map
COPY --from=vendor /app/vendor /var/www/vendor

CMD ["php-fpm"]
