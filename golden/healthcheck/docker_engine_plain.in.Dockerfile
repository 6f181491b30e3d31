FROM alpine:3.20
RUN apk add --no-cache docker-engine iptables
EXPOSE 2375
CMD ["dockerd", "--host=tcp://0.0.0.0:2375", "--host=unix:///var/run/docker.sock"]
