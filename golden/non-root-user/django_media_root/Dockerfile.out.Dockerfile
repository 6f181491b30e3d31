FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p /app/media \
    && chown app:app /app /app/media
USER 1001:1001
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
