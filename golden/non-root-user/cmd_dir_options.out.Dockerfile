FROM alpine:3.20
RUN apk --no-cache add transmission-daemon \
	&& mkdir -p /transmission/download /transmission/config
WORKDIR /srv
EXPOSE 9091
RUN addgroup -S -g 1001 app \
	&& adduser -S -D -u 1001 -G app app \
	&& mkdir -p /transmission/config /transmission/download \
	&& chown app:app /srv /transmission/config /transmission/download
USER 1001:1001
ENTRYPOINT ["/usr/bin/transmission-daemon", "--foreground"]
CMD ["--config-dir", "/transmission/config", "--download-dir=/transmission/download", "--config", "/srv/app.conf", "--tmpdir", "/tmp", "--log-dir", "/etc/transmission"]
