FROM debian:bookworm-slim
RUN savedAptMark="$(apt-mark showmanual)" \
    && apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates python3 \
    && curl -fsSL -o /usr/local/bin/app https://example.com/app \
    && apt-mark auto '.*' > /dev/null \
    && apt-mark manual $savedAptMark python3 \
    && apt-get purge -y --auto-remove \
    && rm -rf /var/lib/apt/lists/*
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
CMD ["python3", "-m", "http.server"]
