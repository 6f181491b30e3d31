FROM debian:bullseye

RUN set -xe \
 && apt-get update \
 && apt-get install -y python3 python3-pip libglib2.0-0 build-essential python3-dev \
 && pip3 install dvr-scan[opencv] \
 && rm -rf /var/lib/apt/lists/*

CMD ["python3", "-m", "mqtt_io", "config.yml"]
