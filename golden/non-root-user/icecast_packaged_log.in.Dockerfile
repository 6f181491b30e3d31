FROM alpine:3
RUN apk add --no-cache icecast mailcap
EXPOSE 8000
CMD ["icecast", "-c", "/etc/icecast/icecast.xml"]
