FROM debian:bookworm
# dockmod: ignore[rm-recursive-after-mktmp-d]
RUN tmp="$(mktemp -d)" && cd "$tmp" && curl -fsSLO https://example.com/x.tgz && tar -xzf x.tgz -C /opt && rm -rf "$tmp"
