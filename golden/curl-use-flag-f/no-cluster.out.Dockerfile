FROM debian:bookworm
RUN curl -fo /tmp/x.deb "https://example.com/x.deb" && dpkg -i /tmp/x.deb
