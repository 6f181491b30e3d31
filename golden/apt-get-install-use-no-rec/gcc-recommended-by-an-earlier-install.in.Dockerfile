FROM debian:bullseye

RUN apt-get update && apt-get install -y libc6-dev && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y make python3 && rm -rf /var/lib/apt/lists/*

COPY . /src
RUN make -C /src
CMD ["python3", "/src/run.py"]
