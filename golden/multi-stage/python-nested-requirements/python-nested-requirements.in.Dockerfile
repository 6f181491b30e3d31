FROM python:3.11-slim-bookworm
WORKDIR /srv
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements/prod.txt
EXPOSE 8000
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
