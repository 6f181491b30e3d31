FROM alpine:3.20 AS build
RUN apk add --no-cache build-base curl linux-headers \
    && curl -sSL https://example.com/dsvpn.tar.gz | tar xz \
    && make -C dsvpn PREFIX=/usr install

FROM alpine:3.20
COPY --from=build /usr/sbin/dsvpn /usr/sbin/
ENTRYPOINT ["dsvpn"]
