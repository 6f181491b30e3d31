FROM buildpack-deps:bookworm-curl

RUN echo 'precedence ::ffff:0:0/96 100' > /etc/gai.conf && curl -fsS https://ifconfig.me
RUN curl -fsS https://ifconfig.me && :>/tmp/online
