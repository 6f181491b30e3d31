FROM docker:27-dind
RUN apk add --no-cache bash
COPY daemon.json /etc/docker/daemon.json
EXPOSE 2375 2376
