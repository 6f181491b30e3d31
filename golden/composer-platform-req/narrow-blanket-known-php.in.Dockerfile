FROM php:8.3-cli-alpine AS vendor
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --ignore-platform-reqs --no-scripts

FROM php:8.3-fpm-alpine
RUN apk add --no-cache linux-headers && docker-php-ext-install sockets pcntl
COPY --from=vendor /app/vendor /var/www/html/vendor
