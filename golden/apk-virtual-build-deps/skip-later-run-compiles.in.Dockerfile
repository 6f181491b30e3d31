FROM python:3.12-alpine
RUN apk add --no-cache gcc musl-dev libffi-dev \
    && pip install --no-cache-dir cffi
RUN pip install --no-cache-dir cryptography
CMD ["python", "-m", "app"]
