FROM debian:bookworm
RUN curl -fsSL https://example.com/key.asc | gpg --batch --dearmor -o /usr/share/keyrings/x.gpg
