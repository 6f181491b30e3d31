FROM ubuntu:14.04

RUN apt-get update && apt-get install -y sudo python-pip python3-pip \
    && rm -rf /var/lib/apt/lists/*
RUN sudo -H pip install --upgrade 'pip<21'
RUN sudo -H pip3 install requests
