FROM debian:bookworm-slim

RUN apt-get update && apt-get install -y python3 python3-venv && rm -rf /var/lib/apt/lists/*

COPY . /app
CMD python3 /app/server.py
