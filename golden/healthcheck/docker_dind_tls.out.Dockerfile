FROM docker:27-dind
RUN apk add --no-cache bash
COPY daemon.json /etc/docker/daemon.json
EXPOSE 2375 2376
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "2376"]
