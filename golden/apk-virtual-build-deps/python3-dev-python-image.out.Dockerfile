FROM python:3.12-alpine
RUN apk add --no-cache --virtual .build-deps python3-dev gcc musl-dev linux-headers \
    && pip install --no-cache-dir psutil \
    && apk del --no-network .build-deps
CMD ["python", "-m", "myapp"]
