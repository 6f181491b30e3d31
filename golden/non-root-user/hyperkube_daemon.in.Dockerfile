FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends iproute2 socat util-linux && rm -rf /var/lib/apt/lists/*
COPY hyperkube /hyperkube
ENTRYPOINT ["/hyperkube", "kubelet"]
