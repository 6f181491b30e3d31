FROM alpine:3.19
RUN apk add --no-cache curl
RUN curl -fo/usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini-static; chmod +x /usr/local/bin/tini
