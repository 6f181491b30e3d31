# escape=`
FROM debian:bookworm-slim
RUN apt-get update `
    && apt-get install -y --no-install-recommends python3 `
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/tool
COPY tool.py .
CMD ["python3", "tool.py"]
