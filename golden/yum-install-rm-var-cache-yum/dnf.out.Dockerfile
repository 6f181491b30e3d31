FROM fedora:40
RUN dnf install -y git && rm -rf /var/cache/dnf
