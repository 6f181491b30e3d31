FROM alpine:3.20
RUN apk update
RUN apk add --no-cache curl && rm -rf /var/cache/apk/*
