FROM php:8.1-apache
RUN echo "Listen 8080" > /etc/apache2/ports.conf
COPY . /var/www/html/
EXPOSE 8080
