FROM debian:bullseye

RUN apt-get update && apt-get install -y --no-install-recommends libc6-dev gcc && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends make python3 && rm -rf /var/lib/apt/lists/*

COPY . /src
RUN make -C /src
CMD ["python3", "/src/run.py"]
