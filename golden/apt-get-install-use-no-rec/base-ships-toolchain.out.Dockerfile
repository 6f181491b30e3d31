FROM python:3.11

RUN apt-get update && apt-get install -y --no-install-recommends libgdal-dev && rm -rf /var/lib/apt/lists/*

COPY . /app
RUN make -C /app/native
CMD ["python3", "/app/main.py"]
