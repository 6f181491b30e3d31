FROM python:3.11-slim
WORKDIR /srv/app
COPY . .
RUN pip install --no-cache-dir .
ENV UPLOAD_PATH=/srv/uploads
EXPOSE 8080
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p /srv/uploads \
    && chown app:app /srv/app /srv/uploads
USER 1001:1001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8080"]
