FROM python:2.7-slim
COPY app.py /app.py
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib2; urllib2.urlopen('http://127.0.0.1:5000/health', timeout=5)"]
CMD ["python", "/app.py"]
