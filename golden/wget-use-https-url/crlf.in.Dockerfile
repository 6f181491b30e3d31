FROM alpine:3.20
RUN wget -q "http://example.com/a.tgz" \
    && tar xzf a.tgz && rm a.tgz
