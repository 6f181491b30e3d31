FROM debian:bookworm-slim
RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list; \
	apt-get update && apt-get install -y -t bookworm-backports curl; \
	rm -rf /var/lib/apt/lists/*
