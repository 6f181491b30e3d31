FROM alpine:3.20
RUN set -xe \
    && apk add --no-cache build-base \
                          curl \
                          fts \
                          fts-dev \
                          libevent \
                          libevent-dev \
                          linux-headers \
                          openssl-dev \
    && curl -sSL https://example.com/sslsplit-0.5.5.tar.gz | tar xz \
    && make -C sslsplit-0.5.5 install \
    && rm -rf sslsplit-0.5.5
ENTRYPOINT ["sslsplit", "-D"]
