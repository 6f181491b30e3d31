FROM php:8.1-apache

RUN apt-get update && apt-get install -y unzip composer

RUN a2enmod rewrite

WORKDIR /var/www/html
COPY composer.json ./
RUN composer install --no-dev -o
COPY public/ public/
COPY src/ src/

EXPOSE 80
