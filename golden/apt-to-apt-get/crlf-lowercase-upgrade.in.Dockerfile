FROM debian:bookworm
run apt update \
	&& apt upgrade -y
