FROM ubuntu:24.04
ARG DEBIAN_FRONTEND=noninteractive
RUN set -xe \
    && apt-get update \
    && apt-get -y install \
        build-essential autoconf check pkg-config libtool tzdata bison cmake flex curl git \
        libhwloc-dev libluajit-5.1-dev libssl-dev libpcap-dev libpcre3-dev zlib1g-dev liblzma-dev \
    && rm -rf /var/lib/apt/lists/*
RUN set -xe \
    && mkdir -p libdaq \
    && cd libdaq \
    && curl -sSL https://github.com/snort3/libdaq/archive/v3.0.17.tar.gz | tar xz --strip 1 \
    && ./bootstrap \
    && ./configure \
    && make -j7 \
    && make install
RUN set -xe \
    && mkdir -p snort3 \
    && cd snort3 \
    && curl -sSL https://github.com/snort3/snort3/archive/3.5.0.0.tar.gz | tar -xz --strip 1 \
    && ./configure_cmake.sh --prefix=/usr/local \
    && cd build \
    && make -j7 \
    && make install
ENTRYPOINT ["snort"]
CMD ["--help"]
