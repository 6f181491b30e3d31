FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY /requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY /app ./app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "--max-time", "5", "-o", "/dev/null", "http://127.0.0.1:8000/healthz"]
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:create_app()"]
