FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --install-recommends curl && apt-get install -y -o APT::Install-Recommends=false wget && apt-get install -y vim --no-install-recommends
