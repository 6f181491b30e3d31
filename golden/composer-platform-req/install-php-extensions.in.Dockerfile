FROM composer:2.7 AS vendor
WORKDIR /build
COPY composer.* ./
RUN composer install --no-dev --prefer-dist

FROM php:8.2-cli-bookworm
COPY --from=mlocati/php-extension-installer:2 /usr/bin/install-php-extensions /usr/local/bin/
RUN install-php-extensions sockets-3.1.0 pcntl redis@stable
COPY --from=vendor /build/ /srv/app/
CMD ["php", "/srv/app/artisan", "horizon"]
