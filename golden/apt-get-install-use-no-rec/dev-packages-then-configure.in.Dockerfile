FROM debian:jessie

RUN set -xe \
    && apt-get update \
    && apt-get install -y automake \
                          libasound2-dev \
                          libsndfile1-dev \
                          make \
                          python-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
COPY . .
RUN set -xe \
    && ./bootstrap.sh \
    && ./configure \
    && make
