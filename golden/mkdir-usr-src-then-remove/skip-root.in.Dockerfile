FROM alpine:3.20
RUN mkdir -p /usr/src && cd /usr/src && curl -fsSLo php.tar.xz "$PHP_URL"
