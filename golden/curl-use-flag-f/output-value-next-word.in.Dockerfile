FROM debian:bookworm-slim
RUN curl -sSLo /usr/local/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64; chmod +x /usr/local/bin/jq
