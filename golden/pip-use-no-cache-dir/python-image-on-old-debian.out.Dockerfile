FROM python:2.7-slim-jessie

RUN apt-get update && apt-get install -y python-pip && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir gixy
