FROM golang:alpine as builder
RUN git clone --depth 1 https://github.com/coredns/coredns /go/src/github.com/coredns/coredns \
	&& cd /go/src/github.com/coredns/coredns \
	&& make CHECKS= all \
	&& mv coredns /usr/bin/coredns

FROM alpine:latest
COPY --from=builder /usr/bin/coredns /usr/bin/coredns
COPY --from=builder /etc/ssl/certs/ /etc/ssl/certs
ENTRYPOINT [ "coredns", "-log" ]
