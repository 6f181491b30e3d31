FROM debian:bookworm

RUN set -xe \
 && apt-get update \
 && apt-get install -y python3 python3-pip \
 && pip3 install --break-system-packages mqtt-io==2.3.0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

CMD ["python3", "-m", "mqtt_io", "config.yml"]
