FROM alpine:3.20
RUN echo "$NODE_SHA256  node.tar.xz" | sha256sum -c -
