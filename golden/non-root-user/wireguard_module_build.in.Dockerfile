FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends git make gcc \
    && git clone https://git.zx2c4.com/wireguard-linux-compat /src/wg \
    && make -C /src/wg/src
CMD ["/usr/local/bin/start.sh"]
