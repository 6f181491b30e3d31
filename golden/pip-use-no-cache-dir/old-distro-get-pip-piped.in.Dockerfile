FROM debian:jessie

RUN apt-get update \
    && apt-get install -y curl jq \
    && curl -sSL https://bootstrap.pypa.io/pip/2.7/get-pip.py | python \
    && pip install httpie ipython \
    && rm -rf /var/lib/apt/lists/*
