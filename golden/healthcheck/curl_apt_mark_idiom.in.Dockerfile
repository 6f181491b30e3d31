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
CMD ["python3", "-m", "http.server"]
