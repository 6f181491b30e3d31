FROM debian:bookworm
run apt-get update \
	&& apt-get upgrade --with-new-pkgs -y
