FROM alpine:3.20
RUN set -xe \
    && apk add build-base \
    && make -C /src install \
    && apk del build-base \
    && rm -rf /var/cache/apk/*
