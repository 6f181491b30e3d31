FROM alpine:3.20
RUN curl -fsSL -H "Referer: http://example.com" https://example.com/a -o a
