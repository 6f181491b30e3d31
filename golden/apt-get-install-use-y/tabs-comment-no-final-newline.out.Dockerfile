FROM debian:bookworm

RUN	apt-get update && apt-get install -y \
	# the client
	curl \
	&& echo done