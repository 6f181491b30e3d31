FROM debian:bookworm
RUN gpg --keyserver keyserver.ubuntu.com --recv-keys "$KEY"
