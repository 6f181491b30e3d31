FROM debian:jessie

RUN set -xe \
    && apt-get update \
    && apt-get install -y python python-dev python-virtualenv \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
RUN set -xe \
    && virtualenv . \
    && bin/pip install scikits.audiolab
