FROM debian:bookworm
RUN curl -o /tmp/x ftp://ftp.example.com/x
