FROM python:3.11-slim AS builder
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
WORKDIR /code
COPY . .
RUN pip install --no-cache-dir .

FROM builder
CMD ["python", "-m", "service"]
