FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /code
RUN pip install --no-cache-dir numpy==1.26.4 uwsgi==2.0.26
COPY . .
CMD ["uwsgi", "--http", ":8080", "--module", "app:application"]
