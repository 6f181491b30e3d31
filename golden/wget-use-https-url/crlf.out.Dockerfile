FROM alpine:3.20
RUN wget -q -O a.tgz "https://www.apache.org/dist/zookeeper/zookeeper-3.4.14/zookeeper-3.4.14.tar.gz" \
    && tar xzf a.tgz && rm a.tgz
