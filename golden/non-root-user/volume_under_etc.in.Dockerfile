FROM python:3.12-alpine
RUN pip install --no-cache-dir homeassistant
VOLUME /etc/hass
EXPOSE 8123
ENTRYPOINT ["hass", "--config", "/etc/hass"]
