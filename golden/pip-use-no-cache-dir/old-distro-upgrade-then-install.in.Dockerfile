FROM ubuntu:14.04

RUN apt-get update && \
  apt-get install -y python-pip python-dev libkrb5-dev && \
  pip install --upgrade 'pip<21' && \
  pip install pywinrm[kerberos] && \
  rm -rf /var/lib/apt/lists/*
