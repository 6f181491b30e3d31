FROM ubuntu:14.04

RUN apt-get update && apt-get install -y sudo python3-pip python3-dev \
    && rm -rf /var/lib/apt/lists/*
RUN sudo -H pip3 install --upgrade 'pip<19.2'
RUN pip3 install --no-cache-dir flask gunicorn
