FROM alpine:3.20
RUN apk add --no-cache tinyproxy
EXPOSE 8888
CMD ["tinyproxy", "-d"]
