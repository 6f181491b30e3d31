FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends sudo python3 && rm -rf /var/lib/apt/lists/*
RUN sudo useradd -m -u 1500 runner
WORKDIR /home/runner
USER 1500
CMD ["python3", "-m", "http.server", "8080"]
