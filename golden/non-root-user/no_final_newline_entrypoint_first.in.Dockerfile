FROM alpine:3.20
RUN apk add --no-cache jq
ENTRYPOINT ["jq", "-f", "/data/filter.jq"]
WORKDIR /data
COPY filter.jq .