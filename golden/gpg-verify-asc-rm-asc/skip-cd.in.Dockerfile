FROM debian:bookworm
RUN gpg --batch --verify x.tgz.asc x.tgz && tar -xzf x.tgz && rm x.tgz && cd x && make
