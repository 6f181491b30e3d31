# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
useradd --system --uid 999 --no-create-home worker  # doesn't need a login shell
EOF
COPY worker /usr/local/bin/worker
CMD ["worker"]
