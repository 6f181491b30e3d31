FROM alpine:3.20
RUN mkdir -p /usr/src/redis \
    && tar -xzf /tmp/redis.tgz -C /usr/src/redis --strip-components=1 \
    && make -C /usr/src/redis install \
    && rm -rf /usr/src/redis
