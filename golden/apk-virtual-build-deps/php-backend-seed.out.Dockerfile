FROM php:8.2-fpm-alpine

WORKDIR /var/www/html

# Install system dependencies and PHP extensions
RUN apk add --no-cache --virtual .build-deps-2 \
    postgresql-dev \
    libzip-dev \
    libssh2-dev \
    && apk add --no-cache \
    bash \
    supervisor \
    postgresql-client \
    sudo \
    libpq \
    libzip \
    libssh2 \
    && docker-php-ext-install -j$(nproc) \
        pdo_pgsql \
        sockets \
        zip \
        opcache \
    && apk add --no-cache --virtual .build-deps \
        $PHPIZE_DEPS \
    && pecl install ssh2-1.4.1 redis \
    && docker-php-ext-enable ssh2 redis \
    && apk del .build-deps \
    && rm -rf /tmp/* /var/cache/apk/* \
    && apk del --no-network .build-deps-2

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
CMD ["php-fpm"]
