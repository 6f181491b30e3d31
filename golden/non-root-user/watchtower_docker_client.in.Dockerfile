FROM golang:alpine as builder
RUN go install github.com/containrrr/watchtower@v1.0.2 \
	&& mv /go/bin/watchtower /usr/bin/watchtower

FROM alpine:latest
COPY --from=builder /usr/bin/watchtower /usr/bin/watchtower
COPY --from=builder /etc/ssl/certs/ /etc/ssl/certs
ENTRYPOINT [ "watchtower" ]
CMD [ "--help" ]
