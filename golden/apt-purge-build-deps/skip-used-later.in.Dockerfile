FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y gcc make && make -C /src
CMD ["make", "serve"]
