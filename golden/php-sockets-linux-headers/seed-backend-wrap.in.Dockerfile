FROM php:8.2-fpm-alpine
RUN apk add --no-cache \
    bash \
    postgresql-dev \
    libzip-dev \
    && docker-php-ext-install -j$(nproc) \
        pdo_pgsql \
        sockets \
        zip \
    && apk add --no-cache --virtual .build-deps \
        $PHPIZE_DEPS \
    && pecl install redis \
    && docker-php-ext-enable redis \
    && apk del .build-deps
CMD ["php-fpm"]
