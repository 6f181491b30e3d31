FROM alpine:3.20
ADD rootfs.tar.xz /
ADD app.tgz /opt/
ADD dist/* /srv/
ADD --checksum=sha256:abc a.txt /a
