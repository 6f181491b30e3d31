FROM registry.example.com/platform/python-base:3.11

ARG EXTRA_PACKAGES=""
RUN apt-get update \
    && apt-get install -y $EXTRA_PACKAGES libpq5 \
    && rm -rf /var/lib/apt/lists/*

COPY . /app
CMD ["python3", "/app/main.py"]
