FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps python3-dev build-base libxml2-dev libxslt-dev \
    && apk add --no-cache python3 py3-pip libxml2 libxslt libstdc++ \
    && pip3 install --break-system-packages --no-cache-dir lxml \
    && apk del --no-network .build-deps
CMD ["python3", "-m", "myapp"]
