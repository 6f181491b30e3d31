FROM alpine:3.20
RUN apk add --no-cache docker-engine iptables
EXPOSE 2375
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:2375/_ping"]
CMD ["dockerd", "--host=tcp://0.0.0.0:2375", "--host=unix:///var/run/docker.sock"]
