FROM debian:bookworm-slim

ARG EXTRA_PACKAGES=""
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates $EXTRA_PACKAGES \
    && rm -rf /var/lib/apt/lists/*
