FROM debian:bullseye
RUN apt-get update \
 && apt-get install -y --no-install-recommends nfs-ganesha nfs-ganesha-vfs tini \
 && rm -rf /var/lib/apt/lists/*
COPY ./docker-entrypoint.sh /entrypoint.sh
EXPOSE 2049
ENTRYPOINT ["tini", "--"]
CMD ["/entrypoint.sh"]
