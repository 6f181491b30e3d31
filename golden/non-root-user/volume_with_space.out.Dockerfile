FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src
COPY plexmediaserver /usr/lib/plexmediaserver
VOLUME ["/var/lib/plexmediaserver/Library/Application Support"]
EXPOSE 32400
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p '/var/lib/plexmediaserver/Library/Application Support' \
    && chown app:app '/var/lib/plexmediaserver/Library/Application Support'
USER 1001:1001
CMD ["/usr/lib/plexmediaserver/Plex Media Server"]
