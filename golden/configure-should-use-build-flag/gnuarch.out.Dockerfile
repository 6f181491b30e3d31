FROM debian:bookworm
RUN set -eux; \
	gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"; \
	./configure --build="$gnuArch" --prefix=/usr/local; \
	make install
