FROM debian:bookworm-slim
ENV PHP_INI_DIR /usr/local/etc/php
COPY docker-php-source /usr/local/bin/
COPY docker-php-entrypoint /usr/local/bin/
ENTRYPOINT ["docker-php-entrypoint"]
WORKDIR /var/www/html
EXPOSE 80
CMD ["apache2-foreground"]
