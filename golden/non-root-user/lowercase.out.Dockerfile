from alpine:3.20
run apk add --no-cache tini
workdir /srv
copy bin/ ./bin/
run addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && chown app:app /srv
user 1001:1001
entrypoint ["/sbin/tini", "--"]
cmd ["/srv/bin/app"]
