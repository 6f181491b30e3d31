FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src
COPY plexmediaserver /usr/lib/plexmediaserver
VOLUME ["/var/lib/plexmediaserver/Library/Application Support"]
EXPOSE 32400
CMD ["/usr/lib/plexmediaserver/Plex Media Server"]
