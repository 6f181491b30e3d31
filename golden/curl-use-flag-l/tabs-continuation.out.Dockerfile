FROM alpine:3.20
RUN set -eux; \
	curl -fsSL "https://example.com/$V.tgz" -o /tmp/v.tgz; \
	# comment inside
	tar -xzf /tmp/v.tgz -C /opt
