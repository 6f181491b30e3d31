FROM python:3.12-slim AS builder
WORKDIR /app
COPY . .
EXPOSE 8000
RUN pip install --no-cache-dir .

FROM builder
CMD ["python", "-m", "app"]
