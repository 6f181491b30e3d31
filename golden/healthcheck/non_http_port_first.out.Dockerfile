FROM python:3.12-alpine
RUN pip install --no-cache-dir graphite-web carbon
EXPOSE 2003 2004 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "8080"]
CMD ["run-graphite"]
