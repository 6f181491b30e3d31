FROM alpine:3.20
RUN apk update \
    # tools
    && apk add curl \
    && rm -rf /var/cache/apk/*
