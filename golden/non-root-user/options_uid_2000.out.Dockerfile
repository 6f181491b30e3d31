FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY . .
VOLUME /srv/data
EXPOSE 8080
RUN groupadd --system --gid 2000 svc \
    && useradd --system --no-log-init --create-home --uid 2000 --gid svc svc \
    && mkdir -p /srv/data \
    && chown svc:svc /srv/app /srv/data
USER 2000:2000
CMD ["python3", "-m", "http.server", "8080"]
