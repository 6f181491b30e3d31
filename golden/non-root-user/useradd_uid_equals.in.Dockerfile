FROM debian:bookworm-slim
RUN useradd --create-home --uid=1234 worker
WORKDIR /home/worker
CMD ["/usr/local/bin/worker"]
