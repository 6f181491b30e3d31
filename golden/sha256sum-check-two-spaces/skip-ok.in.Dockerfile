FROM alpine:3.20
RUN echo "$A  a.tgz" | sha256sum -c - && echo "$B *b.tgz" | sha256sum --check && echo "$C c" > c.sha256
