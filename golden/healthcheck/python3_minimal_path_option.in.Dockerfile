FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-minimal \
    && rm -rf /var/lib/apt/lists/*
COPY exporter.py /usr/local/bin/exporter.py
EXPOSE 9100
CMD ["python3", "/usr/local/bin/exporter.py"]
