FROM php:8.2-apache
COPY --from=composer:2 /usr/bin/composer /usr/local/bin/composer
WORKDIR /var/www/html
RUN docker-php-ext-install pdo_mysql pcntl
COPY . .
RUN composer install --no-dev --optimize-autoloader
