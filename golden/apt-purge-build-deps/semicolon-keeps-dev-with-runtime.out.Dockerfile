FROM python:3.12-slim
RUN set -eux; \
	savedAptMark="$(apt-mark showmanual)"; apt-get update; \
	apt-get install -y --no-install-recommends gcc libpq-dev; \
	pip install --no-cache-dir psycopg2; \
	rm -rf /var/lib/apt/lists/*; \
	apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark libpq-dev && apt-get purge -y --auto-remove
