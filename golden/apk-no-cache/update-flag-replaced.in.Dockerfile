FROM alpine:3.20
RUN apk add -U iproute2 && ln -s /usr/lib/tc /lib/tc
