FROM python:3.12-slim
WORKDIR /srv/worker
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
RUN groupadd --system --gid 3000 workers \
    && useradd --system --no-log-init --create-home --uid 2000 --gid workers celery \
    && chown celery:workers /srv/worker
USER 2000:3000
CMD ["celery", "-A", "tasks", "worker", "--loglevel=info"]
