FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps build-base \
    && apk add --no-cache git libstdc++ \
    && git clone --depth 1 https://github.com/example/tool /src \
    && make -C /src install \
    && apk del --no-network .build-deps
ENTRYPOINT ["git", "daemon", "--base-path=/srv/git", "--export-all"]
