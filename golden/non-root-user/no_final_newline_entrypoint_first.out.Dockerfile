FROM alpine:3.20
RUN apk add --no-cache jq
ENTRYPOINT ["jq", "-f", "/data/filter.jq"]
WORKDIR /data
COPY filter.jq .
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && chown app:app /data
USER 1001:1001