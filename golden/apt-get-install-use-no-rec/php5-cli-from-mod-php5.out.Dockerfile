FROM debian:jessie

RUN apt-get update && apt-get install -y --no-install-recommends \
        apache2 \
        curl \
        libapache2-mod-php5 \
        php5-mysql \
        ca-certificates \
        php5-cli \
    && rm -rf /var/lib/apt/lists/*

RUN curl -sS https://getcomposer.org/installer -o /tmp/composer-setup.php \
    && php /tmp/composer-setup.php --install-dir=/usr/local/bin --filename=composer

CMD ["apache2ctl", "-D", "FOREGROUND"]
