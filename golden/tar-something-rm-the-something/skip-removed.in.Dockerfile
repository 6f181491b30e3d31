FROM debian:bookworm
RUN tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz
