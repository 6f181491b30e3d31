FROM ruby:3.3-alpine
RUN set -eux; \
	apk add --no-cache \
		build-base \
		postgresql-dev \
		tzdata \
	; \
	gem install pg --no-document; \
	rm -rf /usr/local/bundle/cache
CMD ["irb"]
