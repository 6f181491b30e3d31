FROM alpine:3.20
RUN curl -fsS https://example.com/tool.tgz | tar -xz -C /usr/local/bin
