FROM python:3.12-alpine
RUN apk add --no-cache gcc=13.2.1_git20240309-r0 musl-dev~1.2 libffi-dev \
    && pip install --no-cache-dir cffi==1.17.1
