FROM alpine:3.20
RUN echo ${SHA1} memcached.tar.gz | sha1sum -c
