FROM alpine:3.20
RUN mkdir -p /usr/src/data && cp -r /tmp/data /usr/src/data
