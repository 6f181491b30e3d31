FROM debian:bookworm
RUN curl -fsSL "$URL" | tar -xzf - -C /opt
