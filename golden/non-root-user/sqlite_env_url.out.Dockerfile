FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV DATABASE_URL=sqlite:////app/instance/app.db
EXPOSE 5000
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && mkdir -p /app/instance \
    && chown app:app /app /app/instance
USER 1001:1001
CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:app"]
