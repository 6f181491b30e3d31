FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --create-home --uid 10001 --gid app app \
    && chown app:app /app
USER 10001:10001
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
