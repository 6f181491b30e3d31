FROM alpine:latest
RUN apk --no-cache add \
	bash \
	certbot
ENTRYPOINT [ "certbot" ]
