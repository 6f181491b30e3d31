FROM fedora:40
RUN dnf --setopt=tsflags=nodocs install \
    git \
    make
