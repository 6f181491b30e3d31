FROM php:8.1-apache
COPY . /var/www/html
RUN sed -i 's#/var/www/html#/var/www/html/public#' /etc/apache2/sites-available/000-default.conf
EXPOSE 80
