FROM debian:bookworm
RUN gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$KEY"
