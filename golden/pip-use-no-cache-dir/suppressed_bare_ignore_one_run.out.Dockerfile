FROM python:3.12-slim
WORKDIR /app
# the wheel cache is mounted by CI; keep it
# dockmod: ignore
RUN pip install -r requirements.txt
RUN pip install --no-cache-dir gunicorn
COPY . .
