FROM debian:bookworm
RUN set -xe \
    && apt-get update \
    && apt-get install -y dante-server \
    && rm -rf /var/lib/apt/lists/*
COPY data/sockd.conf /etc/dante/sockd.conf
ENV CFGFILE=/etc/dante/sockd.conf
ENV PIDFILE=/run/sockd.pid
ENV WORKERS=10
EXPOSE 1080
CMD sockd -f $CFGFILE -p $PIDFILE -N $WORKERS
