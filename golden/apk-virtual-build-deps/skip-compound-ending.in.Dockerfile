FROM alpine:3.20
RUN apk add --no-cache build-base \
    && if [ -f Makefile ]; then make install; fi
