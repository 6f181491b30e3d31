FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl gnupg \
    && curl -sSL http://repo.owntracks.org/repo.owntracks.org.gpg.key | gpg --dearmor > /etc/apt/trusted.gpg.d/owntracks.gpg
