FROM alpine:3.20
RUN curl -fsSL "https://download.redis.io/releases/redis-7.2.4.tar.gz" -o redis.tgz
