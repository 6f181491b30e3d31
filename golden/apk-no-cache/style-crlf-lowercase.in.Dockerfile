from alpine:3.20
run apk update && \
    apk add curl
