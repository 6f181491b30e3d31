FROM alpine:3.20
RUN export GNUPGHOME="$(mktemp -d)" \
    && wget -q https://downloads.example.org/tool.tgz https://downloads.example.org/tool.tgz.asc \
    && gpgv --keyring /usr/share/keyrings/tool.gpg tool.tgz.asc tool.tgz \
    && tar -C /opt -xzf tool.tgz
