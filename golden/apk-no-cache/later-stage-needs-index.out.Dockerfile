FROM alpine:3.20 AS base
RUN apk update && apk add --no-cache curl

FROM base
RUN apk info -a curl
