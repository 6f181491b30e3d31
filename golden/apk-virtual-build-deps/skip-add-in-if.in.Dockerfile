FROM python:3.11-alpine
ARG TARGETARCH
RUN if [ "$TARGETARCH" = "arm64" ]; then apk add --no-cache gcc musl-dev libffi-dev; fi \
    && pip install --no-cache-dir cryptography
CMD ["python", "app.py"]
