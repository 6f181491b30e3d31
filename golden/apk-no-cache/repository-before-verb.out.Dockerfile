FROM alpine:3.19
RUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add --no-cache hurl
