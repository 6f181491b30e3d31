FROM php:8.2-cli
RUN apt-get update && apt-get install -y composer
WORKDIR /srv/app
COPY composer.json ./
RUN composer install --no-dev --no-interaction
COPY . .
CMD ["php", "bin/worker.php"]
