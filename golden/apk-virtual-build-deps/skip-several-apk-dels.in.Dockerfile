FROM php:8.2-fpm-alpine
RUN apk add --no-cache $PHPIZE_DEPS libzip-dev icu-dev \
    && docker-php-ext-install zip \
    && apk del libzip-dev \
    && docker-php-ext-install intl \
    && apk del icu-dev
CMD ["php-fpm"]
