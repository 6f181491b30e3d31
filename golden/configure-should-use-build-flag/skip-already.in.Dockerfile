FROM debian:bookworm
RUN ./configure --build=x86_64-linux-gnu && make
