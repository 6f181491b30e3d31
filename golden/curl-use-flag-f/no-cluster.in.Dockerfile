FROM debian:bookworm
RUN curl -o /tmp/x.deb "https://example.com/x.deb" && dpkg -i /tmp/x.deb
