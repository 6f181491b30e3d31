FROM alpine:3
ENV HASS_VERSION=2021.11.1
RUN set -xe \
    && apk add --no-cache \
        ca-certificates \
        curl \
        build-base \
        libffi-dev \
        linux-headers \
        openssl-dev \
        python3 \
        python3-dev \
    && curl https://bootstrap.pypa.io/get-pip.py | python3 \
    && pip3 install --no-cache-dir homeassistant==${HASS_VERSION}
VOLUME /etc/hass
EXPOSE 8123
ENTRYPOINT ["hass", "--config", "/etc/hass"]
