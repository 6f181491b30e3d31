FROM debian:jessie
RUN apt-get update && apt-get install -y curl \
    && curl -sSL http://download.nullsoft.com/shoutcast/tools/sc_serv2_linux_x64-latest.tar.gz | tar xz -C /opt/shoutcast
