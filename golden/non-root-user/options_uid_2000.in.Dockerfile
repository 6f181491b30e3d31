FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY . .
VOLUME /srv/data
EXPOSE 8080
CMD ["python3", "-m", "http.server", "8080"]
