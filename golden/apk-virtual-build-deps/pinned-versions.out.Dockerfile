FROM python:3.12-alpine
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 libffi-dev \
    && apk add --no-cache libffi \
    && pip install --no-cache-dir cffi==1.17.1 \
    && apk del --no-network .build-deps
