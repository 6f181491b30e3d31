FROM alpine:3.20
RUN apk add --no-cache git build-base \
    && git clone --depth 1 https://github.com/example/tool /src \
    && make -C /src install
ENTRYPOINT ["git", "daemon", "--base-path=/srv/git", "--export-all"]
