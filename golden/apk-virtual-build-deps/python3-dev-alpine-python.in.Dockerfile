FROM alpine:3.20
RUN apk add --no-cache python3-dev py3-pip gcc musl-dev \
    && pip3 install --break-system-packages --no-cache-dir psutil
CMD ["python3", "-m", "myapp"]
