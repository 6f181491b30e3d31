FROM python:3-alpine
RUN apk add --no-cache --virtual .build-deps \
        libffi-dev \
        postgresql-dev && \
        apk add --no-cache \
        curl \
        libffi \
        libpq && \
    pip3 install psycopg2 && \
        apk del --no-network .build-deps
