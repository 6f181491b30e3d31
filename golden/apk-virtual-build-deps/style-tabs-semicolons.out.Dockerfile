FROM ruby:3.3-alpine
RUN set -eux; \
	apk add --no-cache --virtual .build-deps \
		build-base \
		postgresql-dev; \
	apk add --no-cache \
		tzdata \
		libpq \
		libstdc++ \
	; \
	gem install pg --no-document; \
	rm -rf /usr/local/bundle/cache; \
	apk del --no-network .build-deps
CMD ["irb"]
