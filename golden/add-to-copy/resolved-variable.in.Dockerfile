FROM alpine:3.20
ARG CONF=nginx.conf
ADD ${CONF} /etc/nginx/
