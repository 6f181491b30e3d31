FROM php:8.2-apache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
COPY . /var/www/html/
RUN composer install --no-dev --working-dir=/var/www/html
