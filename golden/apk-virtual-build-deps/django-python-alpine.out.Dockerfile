FROM python:3.13-alpine
WORKDIR /app
COPY requirements.txt .
RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev \
    && apk add --no-cache libpq \
    && pip install --no-cache-dir -r requirements.txt \
    && apk del --no-network .build-deps
COPY . .
CMD ["daphne", "-b", "0.0.0.0", "config.asgi:application"]
