FROM debian:bookworm
RUN gpg --version && gpg --batch --import k.asc && gpg --no-batch --list-keys && gpgconf --kill all
