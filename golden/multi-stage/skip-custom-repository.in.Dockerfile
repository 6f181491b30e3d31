FROM python:3.11-alpine
RUN apk add --no-cache --repository=https://dl-cdn.alpinelinux.org/alpine/edge/community gcc musl-dev geos-dev
RUN pip install --no-cache-dir shapely==2.0.4
CMD ["python", "app.py"]
