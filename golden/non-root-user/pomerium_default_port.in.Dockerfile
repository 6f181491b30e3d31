FROM golang:alpine as builder
RUN git clone --depth 1 https://github.com/pomerium/pomerium /go/src/github.com/pomerium/pomerium \
	&& cd /go/src/github.com/pomerium/pomerium \
	&& make build \
	&& mv bin/pomerium /usr/bin/pomerium

FROM alpine:latest
COPY --from=builder /usr/bin/pomerium /usr/bin/pomerium
ENTRYPOINT [ "pomerium" ]
