FROM debian:bookworm-slim
RUN apt-get -qq update
RUN apt-get -y install --no-install-recommends ca-certificates curl
RUN rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
