FROM php:8.2-fpm-alpine

# Install system dependencies and PHP extensions
RUN apk add --no-cache linux-headers postgresql-dev \
    && docker-php-ext-install -j$(nproc) pdo_pgsql sockets pcntl opcache \
    && apk add --no-cache --virtual .build-deps $PHPIZE_DEPS \
    && pecl install redis \
    && docker-php-ext-enable redis \
    && apk del .build-deps linux-headers

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer

WORKDIR /var/www/html

COPY composer.json composer.lock ./

RUN composer install \
    --optimize-autoloader \
    --no-interaction \
    --no-progress \
    --no-dev \
    --prefer-dist \
    && composer clear-cache

COPY . .

EXPOSE 9000
CMD ["php-fpm"]
