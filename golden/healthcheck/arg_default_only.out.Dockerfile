FROM python:3.12-alpine
EXPOSE ${PORT:-3333}
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "3333"]
CMD ["python", "-m", "app"]
