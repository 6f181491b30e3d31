FROM alpine:3.20
RUN apk add --no-cache git \
	&& git clone --depth 1 https://example.com/repo.git /src \
	&& apk del git
