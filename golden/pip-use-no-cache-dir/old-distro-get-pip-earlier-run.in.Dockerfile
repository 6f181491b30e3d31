FROM ubuntu:14.04

RUN apt-get update && apt-get install -y python python-dev
ADD https://bootstrap.pypa.io/pip/2.7/get-pip.py /tmp/pkgs/
WORKDIR /tmp/pkgs
RUN python get-pip.py
RUN pip install supervisor shadowsocks
