FROM alpine:3.20
RUN curl -fsSL https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 -o /usr/local/bin/gosu \
    && chmod +x /usr/local/bin/gosu
