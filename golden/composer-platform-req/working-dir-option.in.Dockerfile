FROM php:8.2-cli-alpine AS vendor
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
COPY . /src
RUN cd / && php /usr/bin/composer --working-dir=/src install --no-dev

FROM php:8.2-fpm-alpine
RUN docker-php-ext-install sockets pcntl
COPY --from=vendor /src/vendor /var/www/html/vendor
