# Django + Daphne on Alpine (seed 003)
FROM python:3.13-alpine AS builder
RUN apk add --no-cache gcc musl-dev postgresql-dev libffi-dev
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.13-alpine
RUN apk add --no-cache libpq
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY . .
EXPOSE 8000
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && chown app:app /app
USER 1001:1001
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
