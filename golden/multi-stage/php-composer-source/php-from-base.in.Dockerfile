FROM php:8.2-cli
WORKDIR /srv/app
COPY composer.json ./
RUN composer install --no-dev --no-interaction
COPY . .
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
