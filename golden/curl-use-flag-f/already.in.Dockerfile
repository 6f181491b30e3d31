FROM debian:bookworm
RUN curl --fail -sL https://example.com/a -o a && curl -fsSL "$URL" -o b
