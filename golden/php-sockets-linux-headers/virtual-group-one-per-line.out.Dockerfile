FROM php:8.3-cli-alpine
RUN set -eux; \
	apk add --no-cache --virtual .build-deps \
		$PHPIZE_DEPS \
		libzip-dev \
		linux-headers \
	; \
	docker-php-ext-install -j"$(nproc)" sockets zip; \
	apk del --no-network .build-deps
