FROM alpine:3.20
ENV BUILD_DEPS="gcc musl-dev"
RUN apk add --no-cache $BUILD_DEPS \
    && make install
