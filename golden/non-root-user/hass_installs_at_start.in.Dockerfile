FROM alpine:3
RUN apk add --no-cache python3 py3-pip \
    && pip3 install homeassistant
VOLUME /etc/hass
EXPOSE 8123
ENTRYPOINT ["hass", "--config", "/etc/hass"]
