FROM debian:bookworm
RUN set -eux; \
	wget -q "$URL" -O node.tar.xz; \
	tar xJf node.tar.xz -C /usr/local --strip-components=1
