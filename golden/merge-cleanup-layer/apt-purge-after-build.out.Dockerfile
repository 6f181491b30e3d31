FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential ca-certificates curl && \
    curl -fsSL https://example.com/tool.tar.gz | tar xz -C /usr/src \
    && make -C /usr/src/tool install && \
    apt-get purge -y --auto-remove build-essential && rm -rf /var/lib/apt/lists/*
CMD ["tool"]
