FROM php:8.3-cli-alpine AS vendor
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /app
COPY composer.json composer.lock ./
# "php": "8.3" is the exact release 8.3.0 to Composer: the image's 8.3.x fails it without the flag
RUN composer install --no-dev --ignore-platform-reqs --no-scripts

FROM php:8.3-fpm-alpine
COPY --from=vendor /app/vendor /var/www/html/vendor
