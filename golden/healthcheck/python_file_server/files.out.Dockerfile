FROM python:3.12-slim
WORKDIR /srv/app
COPY app.py ./
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/', timeout=5)"]
CMD ["python3", "app.py"]
