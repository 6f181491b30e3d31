FROM debian:bookworm
RUN curl -fsSLo /tmp/go.tgz "$GO_URL" && tar -xzf /tmp/go.tgz -C /usr/local && rm -f /tmp/go.tgz
