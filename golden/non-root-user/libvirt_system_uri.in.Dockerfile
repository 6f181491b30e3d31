FROM debian:sid-slim
RUN apt-get update && apt-get install -y \
	virt-viewer \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["virt-viewer", "-c", "qemu:///system"]
