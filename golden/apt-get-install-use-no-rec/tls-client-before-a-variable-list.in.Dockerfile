FROM debian:bookworm-slim

ARG EXTRA_PACKAGES=""
RUN apt-get update \
    && apt-get install -y curl $EXTRA_PACKAGES \
    && rm -rf /var/lib/apt/lists/*
