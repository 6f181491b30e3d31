FROM alpine:3.20
# node-red: the install's package list spans lines; the clean gets a line of its own
RUN set -xe \
    && apk add --no-cache \
        nodejs \
        npm \
    && npm install -g --unsafe-perm \
        node-red \
        node-red-node-twitter \
    && mkdir -p /data
CMD ["node-red"]
