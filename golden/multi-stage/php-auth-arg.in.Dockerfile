FROM php:8.2-fpm
ARG COMPOSER_AUTH
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www
COPY . .
RUN composer install --no-dev --prefer-dist
CMD ["php-fpm"]
