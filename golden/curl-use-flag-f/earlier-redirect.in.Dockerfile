FROM buildpack-deps:bookworm-curl

RUN echo 'precedence ::ffff:0:0/96 100' > /etc/gai.conf && curl -sS https://ifconfig.me
RUN curl -sS https://ifconfig.me && :>/tmp/online
