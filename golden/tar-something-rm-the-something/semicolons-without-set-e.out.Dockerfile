FROM debian:bookworm
RUN curl -fsSLO https://github.com/tianon/gosu/releases/download/1.17/gosu.tar.gz; tar -xzf gosu.tar.gz -C /usr/local/bin && rm -f gosu.tar.gz
