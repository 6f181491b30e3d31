FROM debian:bookworm

RUN set -Eeuo pipefail; \
    apt-get update; \
    curl -fsL https://deb.nodesource.com/setup_20.x | bash -; \
    apt-get install -y nodejs
