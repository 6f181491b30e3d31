FROM debian:bookworm
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt
