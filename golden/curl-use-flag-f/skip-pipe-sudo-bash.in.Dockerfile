FROM ubuntu:22.04

RUN apt-get update && apt-get install -y curl sudo
RUN set -o errexit && curl -sL https://deb.nodesource.com/setup_18.x | sudo -E bash -
