FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps build-base \
    && apk add --no-cache collectd-dev libstdc++ \
    && make -C /src/plugin install \
    && apk del --no-network .build-deps
CMD ["collectd", "-f"]
