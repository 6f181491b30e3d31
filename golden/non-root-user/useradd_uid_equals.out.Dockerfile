FROM debian:bookworm-slim
RUN useradd --create-home --uid=1234 worker
WORKDIR /home/worker
USER 1234
CMD ["/usr/local/bin/worker"]
