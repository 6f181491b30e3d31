#	To run:
#		docker run -d -it \
#			-v $HOME/.config/sublime-text-3:$HOME/.config/sublime-text-3 \
#			-v /tmp/.X11-unix:/tmp/.X11-unix \
#			-e DISPLAY=$DISPLAY \
#			-e NEWUSER=$USER \
#			jess/sublime-text-3
#
FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	libgtk2.0-0 \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
COPY run.sh /run.sh
CMD ["/run.sh"]
