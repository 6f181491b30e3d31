FROM debian:bookworm-slim
RUN apt-get -qq update && \
    apt-get -y install --no-install-recommends ca-certificates curl && \
    rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
