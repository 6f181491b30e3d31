FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps autoconf automake gcc libtool make musl-dev \
    && apk add --no-cache libltdl \
    && ./autogen.sh && ./configure && make install \
    && apk del --no-network .build-deps
CMD ["mytool"]
