FROM alpine:3.20
RUN curl -so /tmp/a.tgz https://example.com/a.tgz
