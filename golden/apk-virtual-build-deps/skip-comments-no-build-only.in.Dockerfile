FROM alpine:3.20
RUN apk add --no-cache \
    # TLS roots and zone data for the app
    ca-certificates \
    tzdata \
    && make -C /src install
CMD ["/usr/local/bin/app"]
