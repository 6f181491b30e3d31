FROM php:8.3-cli-alpine
WORKDIR /srv/app
COPY --chown=www-data:www-data . .
EXPOSE 8080
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
