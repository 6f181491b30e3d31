FROM python:3.11-slim-bookworm AS build
WORKDIR /srv
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements/prod.txt requirements/base.txt requirements/
ENV PATH="/opt/venv/bin:$PATH"
RUN python3 -m venv /opt/venv && pip install --upgrade pip && pip install --no-cache-dir -r requirements/prod.txt
COPY . .

FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
ENV PATH="/opt/venv/bin:$PATH"
EXPOSE 8000
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
