FROM php:8.3-fpm-alpine
RUN apk add --no-cache $PHPIZE_DEPS postgresql-dev libzip-dev icu-dev \
    && docker-php-ext-install pdo_pgsql zip intl \
    && pecl install redis \
    && docker-php-ext-enable redis
CMD ["php-fpm"]
