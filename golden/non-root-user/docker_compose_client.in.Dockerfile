FROM arm32v7/debian:buster
ENV DOCKER_COMPOSE_VERSION=1.29.0
RUN set -xe \
    && apt-get update \
    && apt-get install -y python3-pip \
    && pip3 install docker-compose==${DOCKER_COMPOSE_VERSION} \
    && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["docker-compose"]
CMD ["help"]
