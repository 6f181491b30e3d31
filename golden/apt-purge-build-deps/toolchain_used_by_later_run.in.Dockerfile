FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
COPY hello.c /src/
RUN gcc -O2 -o /usr/local/bin/hello /src/hello.c
CMD ["hello"]
