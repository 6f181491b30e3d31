FROM debian:bookworm-slim
RUN set -eux; \
    dir="$(mktemp -d)"; \
    curl -fsSL -o "$dir/app.tgz" https://example.com/app-1.4.2.tgz; \
    tar -xzf "$dir/app.tgz" -C "$dir"; \
    sed -i "s|^root = .*|root = $dir|" /etc/app.conf
