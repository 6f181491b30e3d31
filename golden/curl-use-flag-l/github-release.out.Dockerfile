FROM debian:bookworm-slim
ARG TINI_VERSION=v0.19.0
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini \
    && chmod +x /usr/local/bin/tini \
    && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["/usr/local/bin/tini", "--"]
