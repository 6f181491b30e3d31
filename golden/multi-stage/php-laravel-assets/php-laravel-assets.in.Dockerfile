FROM php:8.3-fpm

RUN apt-get update && apt-get install -y --no-install-recommends git unzip nodejs npm \
    && docker-php-ext-install pdo_mysql \
    && rm -rf /var/lib/apt/lists/*

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer

WORKDIR /var/www

COPY composer.json ./
RUN composer install --no-dev --no-scripts --prefer-dist --no-interaction

COPY . .
RUN npm ci && npm run build

CMD ["php-fpm"]
