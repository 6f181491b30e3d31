FROM debian:bookworm-slim
RUN dpkg -i /tmp/x.deb || apt-get install -y curl
