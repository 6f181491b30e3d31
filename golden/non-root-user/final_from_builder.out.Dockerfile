FROM python:3.11-slim AS builder
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
WORKDIR /code
COPY . .
RUN pip install --no-cache-dir .

FROM builder
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && chown app:app /code
USER 1001:1001
CMD ["python", "-m", "service"]
