FROM alpine:3.20
RUN apk add --no-cache ffmpeg \
    && adduser -D -u 1000 -h /home/media media
WORKDIR /home/media
USER 1000
CMD ["ffmpeg", "-version"]
