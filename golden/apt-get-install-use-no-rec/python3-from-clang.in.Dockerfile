FROM debian:bookworm
RUN apt-get update && apt-get install -y \
        curl \
        git \
        clang \
    && rm -rf /var/lib/apt/lists/*
RUN curl -sSfL https://raw.githubusercontent.com/WasmEdge/WasmEdge/master/utils/install.py -o /tmp/install.py \
    && python3 /tmp/install.py -v 0.13.5
