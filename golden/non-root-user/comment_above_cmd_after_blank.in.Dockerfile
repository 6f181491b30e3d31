FROM python:3.12-slim
WORKDIR /app
COPY . .
# the build step above copies everything

CMD ["python", "app.py"]
