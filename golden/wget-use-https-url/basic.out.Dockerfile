FROM alpine:3.20
RUN wget -O- https://nginx.org/download/nginx-1.25.3.tar.gz | tar xz
