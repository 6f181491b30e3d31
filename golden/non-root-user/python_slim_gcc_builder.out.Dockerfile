FROM python:3.12-slim AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
COPY --from=builder /install /usr/local
COPY . .
EXPOSE 8000
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && chown app:app /app
USER 1001:1001
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"]
