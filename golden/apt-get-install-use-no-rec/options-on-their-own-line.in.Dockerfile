FROM debian:bookworm-slim

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install \
        --yes --quiet \
        tzdata \
    && rm -rf /var/lib/apt/lists/*
