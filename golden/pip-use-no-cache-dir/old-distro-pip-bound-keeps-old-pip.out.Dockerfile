FROM ubuntu:14.04

RUN apt-get update && apt-get install -y python-pip \
 && pip install 'pip>=1.5' \
 && pip install flask
RUN pip install --upgrade 'pip~=1.5' && pip install gunicorn
RUN pip install --upgrade 'pip<6.0.0' && pip install six
RUN pip install 'pip>=9' && pip install --no-cache-dir requests
