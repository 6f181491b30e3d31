# escape=`
FROM debian:bookworm-slim
RUN apt-get update `
    && apt-get install -y --no-install-recommends python3 `
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/tool
COPY tool.py .
RUN groupadd --system --gid 1001 app `
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app `
    && chown app:app /opt/tool
USER 1001:1001
CMD ["python3", "tool.py"]
