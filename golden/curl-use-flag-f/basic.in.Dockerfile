FROM alpine:3.20
RUN curl -sSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
