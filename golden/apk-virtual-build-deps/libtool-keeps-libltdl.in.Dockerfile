FROM alpine:3.20
RUN apk add --no-cache autoconf automake gcc libtool make musl-dev \
    && ./autogen.sh && ./configure && make install
CMD ["mytool"]
