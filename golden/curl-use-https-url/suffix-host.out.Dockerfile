FROM alpine:3.20
RUN apk add --no-cache curl \
    && curl -sSL -o /tmp/datax.tar.gz https://datax-opensource.oss-cn-hangzhou.aliyuncs.com/datax.tar.gz
