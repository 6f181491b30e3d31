FROM python:3.12-alpine
WORKDIR /srv/www
COPY site/ .
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8080/"]
CMD ["python", "-m", "http.server", "8080"]
