FROM alpine:3.20
RUN apk add --no-cache jq
WORKDIR /data
COPY filter.jq .