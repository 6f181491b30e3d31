# escape=`
FROM alpine:3.20
RUN apk update `
    && apk add curl
