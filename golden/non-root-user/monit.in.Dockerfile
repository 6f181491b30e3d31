FROM alpine:3.20
RUN apk add --no-cache monit
COPY monitrc /etc/monitrc
RUN chmod 600 /etc/monitrc
EXPOSE 2812
CMD ["monit", "-Ic", "/etc/monitrc"]
