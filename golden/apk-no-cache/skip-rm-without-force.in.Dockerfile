FROM alpine:3.20
RUN apk update
RUN apk add curl && rm /var/cache/apk/*
