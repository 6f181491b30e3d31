# syntax=docker/dockerfile:1
FROM python:3.12-alpine
RUN --mount=type=cache,target=/var/cache/apk \
    apk add --virtual .build-deps gcc musl-dev \
    && pip install --no-cache-dir psutil \
    && apk del --no-network .build-deps
