FROM alpine:3.20
RUN apk add --no-cache curl
RUN rm -rf /var/cache/apk/*
CMD ["curl", "--version"]
