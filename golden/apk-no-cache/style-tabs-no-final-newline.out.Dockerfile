FROM alpine:3.20
RUN set -eux; \
	apk add --no-cache \
		curl