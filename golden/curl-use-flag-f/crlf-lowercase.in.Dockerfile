from alpine:3.20
run curl -sS https://example.com/a \
    # fetch b too
    && curl -sS https://example.com/b
