# escape=`
FROM composer:2 AS vendor
COPY composer.json composer.lock ./
RUN composer install `
	--no-dev `
	# keep the lock exact
	--prefer-dist `
	--ignore-platform-req=ext-pcntl `
	--ignore-platform-req=ext-sockets

FROM php:8.2-fpm-alpine
RUN docker-php-ext-install sockets pcntl
COPY --from=vendor /app/vendor /var/www/html/vendor
