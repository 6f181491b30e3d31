FROM ubuntu:20.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && \
  apt-get install -y --no-install-recommends gcc python-dev libkrb5-dev && \
  apt-get install --no-install-recommends python3-pip python3-dev -y && \
  pip3 install --upgrade pip && \
  pip3 install pywinrm[kerberos] && \
  pip3 install ansible
CMD ["ansible", "--version"]
