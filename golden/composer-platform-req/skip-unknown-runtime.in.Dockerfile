FROM composer:2 AS vendor
COPY composer.json composer.lock ./
RUN composer install --no-dev

FROM registry.example.com/acme/php-base:8.2
COPY --from=vendor /app/vendor /srv/vendor
