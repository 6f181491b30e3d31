FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps linux-headers \
    && apk add --no-cache build-base \
    && make -C /src install \
    && apk del --no-network .build-deps
HEALTHCHECK CMD make -C /src check || exit 1
