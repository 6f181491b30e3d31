FROM alpine:3.20
RUN curl --output /tmp/a https://example.com/a
