FROM python:3.12-slim
WORKDIR /app
CMD ["python", "app.py"]
COPY . .
RUN pip install --no-cache-dir -r requirements.txt \
