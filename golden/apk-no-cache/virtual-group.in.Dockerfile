FROM alpine:3.20
RUN apk add --virtual .build-deps gcc musl-dev \
    && make install \
    && apk del .build-deps
