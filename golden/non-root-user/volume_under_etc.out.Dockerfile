FROM python:3.12-alpine
RUN pip install --no-cache-dir homeassistant
VOLUME /etc/hass
EXPOSE 8123
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && mkdir -p /etc/hass \
    && chown app:app /etc/hass
USER 1001:1001
ENTRYPOINT ["hass", "--config", "/etc/hass"]
