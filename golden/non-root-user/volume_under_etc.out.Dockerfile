FROM alpine:3
RUN apk add --no-cache mosquitto
VOLUME /etc/mosquitto
EXPOSE 1883 8883
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && mkdir -p /etc/mosquitto \
    && chown app:app /etc/mosquitto
USER 1001:1001
ENTRYPOINT ["mosquitto"]
CMD ["-c", "/etc/mosquitto/mosquitto.conf"]
