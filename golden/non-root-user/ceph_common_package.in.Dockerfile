FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends ceph-common && rm -rf /var/lib/apt/lists/*
COPY rbd-provisioner /usr/local/bin/rbd-provisioner
ENTRYPOINT ["/usr/local/bin/rbd-provisioner"]
