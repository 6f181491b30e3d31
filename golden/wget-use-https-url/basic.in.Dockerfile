FROM alpine:3.20
RUN wget -O- http://nginx.org/download/nginx-1.25.3.tar.gz | tar xz
