FROM python:3.11-slim
WORKDIR /srv/app
COPY . .
RUN pip install --no-cache-dir .
ENV UPLOAD_PATH=/srv/uploads
EXPOSE 8080
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8080"]
