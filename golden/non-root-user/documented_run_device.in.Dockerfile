# To use:
#	docker run -v /tmp/.X11-unix:/tmp/.X11-unix \
#		-e DISPLAY=unix$DISPLAY \
#		--device /dev/dri \
#		jess/glxgears
#
FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	mesa-utils \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
ENTRYPOINT [ "glxgears" ]
