# Stage 1: Composer (build dependencies)
FROM composer:2 AS composer-builder

WORKDIR /app

COPY composer.json composer.lock ./

RUN env COMPOSER_ALLOW_SUPERUSER=1 composer install \
    --optimize-autoloader \
    --no-interaction \
    --no-progress \
    --no-scripts \
    --no-dev \
    --prefer-dist \
    --ignore-platform-req=ext-pcntl \
    --ignore-platform-req=ext-sockets \
    --ignore-platform-req=php \
    && composer clear-cache

FROM php:8.2-fpm-alpine
RUN apk add --no-cache linux-headers postgresql-dev \
    && docker-php-ext-install -j$(nproc) pdo_pgsql sockets pcntl opcache \
    && apk add --no-cache --virtual .build-deps $PHPIZE_DEPS \
    && pecl install redis \
    && docker-php-ext-enable redis \
    && apk del .build-deps linux-headers
WORKDIR /var/www/html
COPY --from=composer-builder /app/vendor ./vendor
COPY . .
