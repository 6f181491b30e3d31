FROM ubuntu:22.04
RUN curl -fsSL http://localhost:8080/x \
    && curl -fsSL http://archive.ubuntu.com/ubuntu/dists/jammy/Release \
    && curl -fsSL http://10.0.0.5/file \
    && curl -fsSL http://$MIRROR/file \
    && curl -fsSL http://backend/api
