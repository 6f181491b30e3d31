FROM debian:bullseye-slim

RUN apt-get update && apt-get install -y --no-install-recommends \
	libc6-dev \
	libncurses5-dev \
	make \
	gcc \
	&& rm -rf /var/lib/apt/lists/*

COPY . /usr/src/its
RUN cd /usr/src/its && make EMULATOR=simh
