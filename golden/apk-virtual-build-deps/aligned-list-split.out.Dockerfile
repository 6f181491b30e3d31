FROM alpine:3.20
RUN set -xe \
    && apk add --no-cache --virtual .build-deps build-base \
                                                fts-dev \
                                                libevent-dev \
                                                linux-headers \
                                                openssl-dev \
    && apk add --no-cache \
                          curl \
                          fts \
                          libevent \
                          libstdc++ \
    && curl -sSL https://example.com/sslsplit-0.5.5.tar.gz | tar xz \
    && make -C sslsplit-0.5.5 install \
    && rm -rf sslsplit-0.5.5 \
    && apk del --no-network .build-deps
ENTRYPOINT ["sslsplit", "-D"]
