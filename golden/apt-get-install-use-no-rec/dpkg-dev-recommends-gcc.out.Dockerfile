FROM debian:bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends dpkg-dev debhelper gcc \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /usr/src/tool
COPY . .
RUN make && make install
