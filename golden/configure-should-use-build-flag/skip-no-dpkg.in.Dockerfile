FROM alpine:3.20
RUN ./configure --prefix=/usr && make install
