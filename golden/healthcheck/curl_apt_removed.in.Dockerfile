FROM debian:bookworm
WORKDIR /opt/app
RUN set -xe \
 && apt update -y \
 && apt install -y curl \
 && curl -sSL https://example.com/app.tar.gz | tar xz \
 && apt remove -y curl \
 && rm -rf /var/lib/apt/lists/*
EXPOSE 8080
CMD ["./app"]
