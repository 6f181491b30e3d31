FROM alpine:3.20
RUN apk add --no-cache tor
COPY torrc /etc/tor/torrc
EXPOSE 9001
ENTRYPOINT ["/run.sh"]
