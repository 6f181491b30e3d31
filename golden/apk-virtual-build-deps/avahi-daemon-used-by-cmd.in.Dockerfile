FROM alpine:3.20
# shairplay-arm: avahi-dev is what brings in avahi-daemon, which the CMD starts
RUN set -xe \
    && apk add --no-cache alsa-utils \
                          autoconf \
                          automake \
                          avahi-dev \
                          build-base \
                          curl \
                          dbus \
                          libao \
                          libao-dev \
                          libltdl \
                          libtool \
    && curl -fsSL https://github.com/juhovh/shairplay/archive/master.tar.gz | tar xz \
    && cd shairplay-master \
    && ./autogen.sh \
    && ./configure \
    && make install \
    && cd .. \
    && rm -rf shairplay-master \
    && apk del autoconf \
               automake \
               build-base \
               curl \
               libao-dev
CMD set -xe \
    && dbus-daemon --system \
    && avahi-daemon -D \
    && shairplay --apname="$APNAME"
