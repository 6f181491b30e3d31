from alpine:3.20
run curl -fsSLo a https://example.com/a