FROM php:7.4-cli
COPY --from=composer:1 /usr/bin/composer /usr/bin/composer
WORKDIR /app
COPY . .
RUN composer install --dev --prefer-dist
CMD ["php", "worker.php"]
