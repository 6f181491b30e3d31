FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends dpkg-dev gcc make \
    && ./configure --build="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)" --prefix=/usr/local && make install
