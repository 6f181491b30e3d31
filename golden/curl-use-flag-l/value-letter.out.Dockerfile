FROM alpine:3.20
RUN curl -sLo /tmp/a.tgz https://example.com/a.tgz
