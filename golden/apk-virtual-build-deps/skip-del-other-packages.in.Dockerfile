FROM alpine:3.19
RUN apk add --no-cache build-base openssl-dev \
    && make -C /src install \
    && apk del curl
CMD ["/usr/local/bin/app"]
