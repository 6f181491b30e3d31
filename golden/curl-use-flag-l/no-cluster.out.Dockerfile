FROM alpine:3.20
RUN curl -L --output /tmp/a https://example.com/a
