from alpine:3.20
run apk add --no-cache tini
workdir /srv
copy bin/ ./bin/
entrypoint ["/sbin/tini", "--"]
cmd ["/srv/bin/app"]
