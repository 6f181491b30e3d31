FROM alpine:3
RUN apk add --no-cache curl \
 && curl -sSL https://github.com/Drillster/drone-rsync/raw/master/upload.sh > /usr/local/bin/upload.sh \
 && chmod +x /usr/local/bin/upload.sh
