FROM memcached:1.6-bookworm
COPY memcached.conf /etc/memcached.conf
EXPOSE 11211
CMD ["memcached", "-m", "256"]
