FROM debian:bookworm
ARG DANTE_VER=1.4.4
ARG DANTE_URL=https://www.inet.no/dante/files/dante-$DANTE_VER.tar.gz
ARG DANTE_DEPS="build-essential curl"
RUN set -xe \
    && apt-get update \
    && apt-get install -y $DANTE_DEPS \
    && mkdir dante \
        && cd dante \
        && curl -sSL $DANTE_URL | tar xz --strip 1 \
        && ./configure \
        && make install \
        && cd .. \
        && rm -rf dante \
    && apt-get purge -y --auto-remove $DANTE_DEPS \
    && rm -rf /var/lib/apt/lists/*
CMD sockd -f /etc/sockd.conf -N 2
