FROM php:7.4-apache
RUN a2enmod rewrite
RUN sed -i 's/AllowOverride None/AllowOverride All/g' /etc/apache2/apache2.conf
RUN sed -i 's/80/8080/g' /etc/apache2/ports.conf /etc/apache2/sites-enabled/000-default.conf
COPY app/ /var/www/html/
EXPOSE 8080
USER 33:33
CMD ["apache2-foreground"]
