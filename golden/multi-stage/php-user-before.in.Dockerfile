FROM php:8.3-fpm-alpine
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www
RUN chown www-data:www-data /var/www
USER www-data
COPY --chown=www-data:www-data . .
RUN composer install --no-dev --optimize-autoloader
CMD ["php-fpm"]
