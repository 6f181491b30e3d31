FROM php:8.3-fpm

# composer from its official image
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer

WORKDIR /var/www
COPY . .

# the dependencies
RUN composer install --no-dev --no-interaction

# an optimized class map
RUN composer dump-autoload --optimize --classmap-authoritative

CMD ["php-fpm"]
