FROM alpine:3.20 AS base
RUN apk update && apk add curl

FROM base
RUN apk info -a curl
