FROM alpine:3.20
RUN curl -fsSL https://github.com/tj/n/archive/refs/tags/v9.2.0.tar.gz | tar -xz -C /tmp
