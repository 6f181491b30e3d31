FROM alpine:3.20
RUN apk add --no-cache curl bash git \
    && curl -fsSL https://get.helm.sh/helm-v3.16.2-linux-amd64.tar.gz | tar -xz -C /usr/local/bin --strip-components=1 linux-amd64/helm \
    && helm plugin install https://github.com/databus23/helm-diff
COPY deploy.sh /usr/local/bin/deploy.sh
ENTRYPOINT ["/usr/local/bin/deploy.sh"]
