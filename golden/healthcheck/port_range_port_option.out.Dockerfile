FROM python:3.12-alpine
COPY . /srv
EXPOSE 8000-8010
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "8001"]
CMD ["python", "/srv/main.py"]
