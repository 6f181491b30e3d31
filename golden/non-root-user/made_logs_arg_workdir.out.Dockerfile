FROM alpine:3
ARG TWEMPROXY_VERSION=0.5.0
ARG TWEMPROXY_URL=https://github.com/twitter/twemproxy/releases/download/${TWEMPROXY_VERSION}/twemproxy-${TWEMPROXY_VERSION}.tar.gz
ARG TWEMPROXY_HOME=/opt/twemproxy
WORKDIR ${TWEMPROXY_HOME}
RUN set -xe \
    && apk --no-cache add -t TMP alpine-sdk autoconf automake curl libtool tar \
    && mkdir -p conf logs src \
    && curl -sSL ${TWEMPROXY_URL} | tar xz --strip 1 -C src \
    && cd src \
    && autoreconf -fvi \
    && ./configure \
    && make install \
    && cd .. \
    && rm -rf src \
    && apk del TMP
EXPOSE 22222
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && mkdir -p /opt/twemproxy/logs \
    && chown app:app /opt/twemproxy /opt/twemproxy/logs
USER 1001:1001
ENTRYPOINT ["nutcracker"]
CMD ["-c", "conf/nutcracker.yml", "-o", "logs/nutcracker.log"]
