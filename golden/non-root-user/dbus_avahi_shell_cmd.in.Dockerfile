FROM alpine:3.20
RUN apk add --no-cache dbus shairplay
CMD set -xe \
    && dbus-daemon --system \
    && shairplay --apname="$APNAME"
