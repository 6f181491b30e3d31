FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY . .
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=1s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "--max-time", "1", "-o", "/dev/null", "http://127.0.0.1:8000/healthz"]
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
