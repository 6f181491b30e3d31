FROM python:3.12-alpine
COPY . /srv
EXPOSE 8000-8010
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8000/"]
CMD ["python", "/srv/main.py"]
