FROM python:3.12-slim
WORKDIR /app
ONBUILD COPY . .
ONBUILD RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
