FROM debian:bullseye-slim

RUN apt-get update && apt-get install -y \
	libc6-dev \
	libncurses5-dev \
	make \
	&& rm -rf /var/lib/apt/lists/*

COPY . /usr/src/its
RUN cd /usr/src/its && make EMULATOR=simh
