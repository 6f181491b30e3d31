# Run virtualbox in a container
#
# docker run -d \
# 	-v /tmp/.X11-unix:/tmp/.X11-unix \
#	-e DISPLAY=unix$DISPLAY \
#	--privileged \
#	--name virtualbox \
#	jess/virtualbox
#
FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	virtualbox \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
ENTRYPOINT [ "/usr/bin/virtualbox" ]
