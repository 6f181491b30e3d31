FROM python:3.12-slim
RUN set -eux; \
	fetchDeps='curl ca-certificates'; \
	apt-get update; \
	apt-get install -y --no-install-recommends $fetchDeps; \
	curl -fsSL -o /usr/local/bin/tool https://example.com/tool; \
	apt-get purge -y --auto-remove $fetchDeps; \
	rm -rf /var/lib/apt/lists/*
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
	CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
CMD ["python", "-m", "http.server"]
