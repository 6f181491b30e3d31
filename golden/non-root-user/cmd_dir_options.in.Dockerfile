FROM alpine:3.20
RUN apk --no-cache add transmission-daemon \
	&& mkdir -p /transmission/download /transmission/config
WORKDIR /srv
EXPOSE 9091
ENTRYPOINT ["/usr/bin/transmission-daemon", "--foreground"]
CMD ["--config-dir", "/transmission/config", "--download-dir=/transmission/download", "--config", "/srv/app.conf", "--tmpdir", "/tmp", "--log-dir", "/etc/transmission"]
