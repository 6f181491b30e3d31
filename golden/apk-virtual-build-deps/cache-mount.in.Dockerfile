# syntax=docker/dockerfile:1
FROM python:3.12-alpine
RUN --mount=type=cache,target=/var/cache/apk \
    apk add gcc musl-dev \
    && pip install --no-cache-dir psutil
