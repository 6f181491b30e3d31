FROM python:3.13-alpine3.21 AS build

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /app

# Build dependencies for psycopg2 and cryptography
RUN apk add --no-cache \
    gcc \
    musl-dev \
    libffi-dev \
    openssl-dev \
    postgresql-dev \
    linux-headers \
    curl

COPY requirements.txt .
ENV PATH="/opt/venv/bin:$PATH"
RUN python3 -m venv /opt/venv && pip install --no-cache-dir -r requirements.txt

FROM python:3.13-alpine3.21 AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apk add --no-cache curl libffi libpq
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH="/opt/venv/bin:$PATH"
COPY . .

EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
