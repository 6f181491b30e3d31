FROM python:3.11-alpine
RUN apk add --no-cache --repository=https://dl-cdn.alpinelinux.org/alpine/edge/community gcc musl-dev geos-dev \
    && pip install --no-cache-dir shapely
CMD ["python", "app.py"]
