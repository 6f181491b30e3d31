FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata \
    && apk add --no-cache gcc musl-dev \
    && make install
CMD ["/usr/local/bin/app"]
