FROM alpine:3.20
ARG CONF=nginx.conf
COPY ${CONF} /etc/nginx/
