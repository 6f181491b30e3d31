FROM debian:buster-slim
RUN apt-get update && apt-get install -y \
	curl \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
RUN curl -sSL -o /usr/bin/qemu-system-arm https://openpower.xyz/qemu/arm-softmmu/qemu-system-arm \
	&& chmod +x /usr/bin/qemu-system-arm
RUN mkdir -p /usr/src/openbmc \
	&& curl -sSL -o /usr/src/openbmc/image.static.mtd https://openpower.xyz/images/obmc-phosphor-image-romulus.static.mtd
ENTRYPOINT ["qemu-system-arm", "-m", "256", "-M", "romulus-bmc", "-nographic", "-drive", "file=/usr/src/openbmc/image.static.mtd,format=raw,if=mtd"]
