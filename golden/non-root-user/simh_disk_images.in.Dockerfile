FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	simh \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y git make gcc libc6-dev --no-install-recommends \
	&& git clone --depth 1 "https://github.com/PDP-10/its.git" /usr/src/its \
	&& ( cd /usr/src/its && make EMULATOR=simh ) \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/its
ENTRYPOINT ["./start"]
