FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y gcc make && make -C /src
RUN make -C /src2 install
