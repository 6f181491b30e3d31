FROM alpine:3.20
RUN apk add --no-cache python3 python3-dev py3-pip build-base libxml2-dev libxslt-dev \
    && pip3 install --break-system-packages --no-cache-dir lxml
CMD ["python3", "-m", "myapp"]
