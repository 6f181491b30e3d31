FROM debian:bookworm
RUN apt-get update && apt-get install -y nullmailer
RUN mkfifo /var/spool/nullmailer/trigger \
    && chown mail:root /var/spool/nullmailer/trigger
WORKDIR /var/spool/nullmailer/queue
CMD ["nullmailer"]
