FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps python3-dev gcc musl-dev \
    && apk add --no-cache py3-pip python3 \
    && pip3 install --break-system-packages --no-cache-dir psutil \
    && apk del --no-network .build-deps
CMD ["python3", "-m", "myapp"]
