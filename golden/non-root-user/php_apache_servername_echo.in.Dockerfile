FROM php:8.2-apache
RUN echo "ServerName localhost" >> /etc/apache2/apache2.conf \
 && sed -i 's/Listen 80/Listen 8080/' /etc/apache2/ports.conf \
 && sed -i 's/<VirtualHost \*:80>/<VirtualHost *:8080>/' /etc/apache2/sites-available/000-default.conf
COPY --chown=www-data:www-data . /var/www/html
EXPOSE 8080
