FROM debian:bookworm-slim
COPY hello.c /src/
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev ca-certificates \
	&& gcc -O2 -o /usr/local/bin/hello /src/hello.c \
	&& rm -rf /var/lib/apt/lists/*
CMD ["hello"]
