FROM debian:8

RUN apt-get update \
 && apt-get install -y python-pip python-dev \
 && pip install cheetah \
 && rm -rf /var/lib/apt/lists/*
