FROM debian:bookworm
RUN gpg --batch --verify node.tar.xz.asc node.tar.xz \
    && tar -xJf node.tar.xz -C /usr/local --strip-components=1 \
    && rm node.tar.xz \
    && rm -f node.tar.xz.asc
