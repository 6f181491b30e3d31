FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y gcc make && make -C /src && apt-get purge -y --auto-remove gcc make
