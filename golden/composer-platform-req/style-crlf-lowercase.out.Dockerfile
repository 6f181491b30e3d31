from composer:2 as vendor
copy composer.json composer.lock ./
run composer install --no-dev --prefer-dist --ignore-platform-req=ext-pcntl --ignore-platform-req=ext-sockets

from php:8.2-fpm-alpine
run docker-php-ext-install sockets pcntl
copy --from=vendor /app/vendor /var/www/html/vendor