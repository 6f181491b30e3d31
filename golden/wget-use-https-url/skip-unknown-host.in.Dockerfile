FROM debian:buster
RUN apt-get update && apt-get install -y wget gnupg lsb-release \
    && wget http://apt.ntop.org/buster/all/apt-ntop.deb \
    && dpkg -i apt-ntop.deb
