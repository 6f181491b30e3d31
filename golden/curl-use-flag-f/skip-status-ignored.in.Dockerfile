FROM debian:bookworm
RUN curl -sS https://ifconfig.me/ip || true
