FROM debian:bookworm
RUN gpg --batch --verify /tmp/x.tgz.asc /tmp/x.tgz && tar -xzf /tmp/x.tgz -C /opt && rm -rf /tmp/*
