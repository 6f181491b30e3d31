FROM alpine:3.20
RUN apk add --no-cache build-base collectd-dev \
    && make -C /src/plugin install
CMD ["collectd", "-f"]
