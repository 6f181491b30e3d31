from composer:2 as vendor
copy composer.json composer.lock ./
run composer install --no-dev --prefer-dist

from php:8.2-fpm-alpine
run docker-php-ext-install sockets pcntl
copy --from=vendor /app/vendor /var/www/html/vendor