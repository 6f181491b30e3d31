FROM debian:jessie

RUN apt-get update \
    && apt-get install -y curl jq vim-tiny \
    && curl -sSL https://bootstrap.pypa.io/pip/2.7/get-pip.py | python \
    && pip install httpie \
    && rm -rf /var/lib/apt/lists/*
