FROM ubuntu:20.04
ARG DEBIAN_FRONTEND=noninteractive

RUN set -xe \
 && savedAptMark="$(apt-mark showmanual)" && apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip libglib2.0-0 build-essential python3-dev \
 && pip3 install dvr-scan[opencv] \
 && rm -rf /var/lib/apt/lists/* \
 && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark python3 python3-pip libglib2.0-0 python3-dev && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false

ENTRYPOINT ["dvr-scan"]
