FROM debian:bookworm

RUN	apt-get update && apt-get install \
	# the client
	curl \
	&& echo done