FROM python:3.12 AS base
CMD ["python", "app.py"]

FROM base
WORKDIR /app
COPY . .
EXPOSE 8000
RUN pip install --no-cache-dir -r requirements.txt 
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", ": </dev/tcp/127.0.0.1/8000"]
