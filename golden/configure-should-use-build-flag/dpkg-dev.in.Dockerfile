FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends dpkg-dev gcc make \
    && ./configure --prefix=/usr/local && make install
