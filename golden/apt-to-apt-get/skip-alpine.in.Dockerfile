FROM alpine:3.19
RUN apt install -y curl
