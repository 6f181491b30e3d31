FROM debian:bookworm-slim
RUN curl -so- https://ifconfig.me; echo
