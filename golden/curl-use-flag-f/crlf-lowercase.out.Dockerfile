from alpine:3.20
run curl -fsS https://example.com/a \
    # fetch b too
    && curl -fsS https://example.com/b
