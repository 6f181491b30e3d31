FROM python:3.12-slim
WORKDIR /app
COPY . .
# the build step above copies everything

RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && chown app:app /app
USER 1001:1001
CMD ["python", "app.py"]
