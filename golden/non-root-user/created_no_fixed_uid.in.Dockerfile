FROM debian:bookworm-slim
RUN useradd --create-home worker
WORKDIR /home/worker
CMD ["/usr/local/bin/worker"]
