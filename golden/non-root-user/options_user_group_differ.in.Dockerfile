FROM python:3.12-slim
WORKDIR /srv/worker
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["celery", "-A", "tasks", "worker", "--loglevel=info"]
