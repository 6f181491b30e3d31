FROM alpine:3.20
RUN apk add --no-cache build-base linux-headers \
    && make -C /src install
HEALTHCHECK CMD make -C /src check || exit 1
