FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends snort && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["snort"]
CMD ["--help"]
