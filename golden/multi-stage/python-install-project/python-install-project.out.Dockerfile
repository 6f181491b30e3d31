FROM python:3.12 AS build
WORKDIR /app
COPY . .
ENV PATH="/opt/venv/bin:$PATH"
RUN python3 -m venv /opt/venv && pip install --no-cache-dir -r requirements.txt .

FROM python:3.12-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
ENV PATH="/opt/venv/bin:$PATH"
EXPOSE 8000
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
