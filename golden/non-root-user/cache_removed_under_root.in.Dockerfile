FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt && rm -rf /root/.cache/pip
CMD ["python", "-m", "mytool"]
