from alpine:3.20
run curl -fsSLo a http://download.redis.io/releases/redis-7.2.4.tar.gz