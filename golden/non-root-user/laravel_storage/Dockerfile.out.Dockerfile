FROM php:8.3-cli
WORKDIR /var/www/html
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
COPY . .
RUN composer install --no-dev --optimize-autoloader
EXPOSE 8000
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p /var/www/html/storage /var/www/html/bootstrap/cache \
    && chown app:app /var/www/html \
    && chown -R app:app /var/www/html/storage /var/www/html/bootstrap/cache
USER 1001:1001
CMD ["php", "artisan", "serve", "--host=0.0.0.0", "--port=8000"]
