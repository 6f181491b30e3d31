FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json ./
RUN composer install --no-dev --no-scripts --prefer-dist --no-interaction --optimize-autoloader

FROM php:8.3-fpm

RUN apt-get update && apt-get install -y --no-install-recommends git nodejs npm \
    && docker-php-ext-install pdo_mysql \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /var/www

COPY composer.json ./
COPY --from=vendor /app/vendor /var/www/vendor

COPY . .
RUN npm ci && npm run build

CMD ["php-fpm"]
