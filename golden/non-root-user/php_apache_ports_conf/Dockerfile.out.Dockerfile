FROM php:8.2-apache
RUN a2enmod rewrite headers
COPY docker/ports.conf /etc/apache2/ports.conf
COPY docker/vhost.conf /etc/apache2/sites-available/000-default.conf
COPY . /var/www/html/
EXPOSE 8000
USER 33:33
