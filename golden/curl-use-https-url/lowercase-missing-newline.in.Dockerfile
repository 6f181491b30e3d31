from alpine:3.20
run curl -fsSLo a http://example.com/a