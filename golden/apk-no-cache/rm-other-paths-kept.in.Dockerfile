FROM alpine:3.20
RUN apk add -U ca-certificates curl \
    && curl -fsSL https://example.com/a.zip -o /tmp/a.zip \
    && rm -rf /tmp/a.zip \
              /var/cache/apk/*
