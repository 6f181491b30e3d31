FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json ./
RUN composer install --no-autoloader --no-dev --optimize-autoloader --no-interaction --prefer-dist --no-scripts
COPY . .
RUN composer dump-autoload --optimize --no-dev --no-scripts

FROM php:8.3-fpm

RUN apt-get update \
    && apt-get install -y --no-install-recommends git libicu-dev \
    && docker-php-ext-install intl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /var/www

COPY . .
COPY --from=vendor /app/vendor /var/www/vendor

COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["php-fpm"]
