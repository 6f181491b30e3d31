FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	cheese \
	libgl1-mesa-dri \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
ENTRYPOINT [ "cheese" ]
