FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN python3 -m pip install -r requirements.txt && \
    rm -rf /root/.cache/pip
COPY . .
CMD ["python3", "app.py"]
