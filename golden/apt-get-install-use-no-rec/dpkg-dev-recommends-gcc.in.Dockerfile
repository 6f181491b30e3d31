FROM debian:bookworm

RUN apt-get update \
    && apt-get install -y dpkg-dev debhelper \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /usr/src/tool
COPY . .
RUN make && make install
