FROM python:3-alpine
RUN apk add --no-cache \
        curl \
        libffi-dev \
        postgresql-dev && \
    pip3 install psycopg2
