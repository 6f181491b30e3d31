FROM python:3.12-alpine
RUN apk add --no-cache python3-dev gcc musl-dev linux-headers \
    && pip install --no-cache-dir psutil
CMD ["python", "-m", "myapp"]
