from php:8.2-cli-alpine
run apk add --no-cache --virtual .build-deps $PHPIZE_DEPS && docker-php-ext-install sockets && apk del .build-deps
