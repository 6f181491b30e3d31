FROM alpine:3.20
RUN set -eux; \
	apk add \
		curl \
	; \
	rm -rf /var/cache/apk/*