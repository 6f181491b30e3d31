FROM alpine:3.20
RUN apk --update add curl
