FROM alpine:3.20
RUN apk add --no-cache git && git clone https://example.com/r.git /r && \
    apk del git