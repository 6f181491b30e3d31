FROM php:8.2-cli
RUN curl -sSL https://example.com/app.tar.gz | tar xz -C /srv \
    && cd /srv/app \
    && curl -sS https://getcomposer.org/installer | php \
    && php composer.phar install
