FROM alpine:3.20
RUN apk add --no-cache ca-certificates curl \
    && make -C /src
RUN make -C /src install
CMD ["/usr/local/bin/app"]
