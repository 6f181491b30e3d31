FROM php:8.2-apache
RUN apt-get update && apt-get install -y --no-install-recommends unzip \
    && curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /var/www/html
COPY composer.json ./
RUN composer install --no-dev --no-interaction
COPY . .
