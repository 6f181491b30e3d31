FROM python:3.12-slim
WORKDIR /srv/app
COPY app.py ./
EXPOSE 8080
CMD ["python3", "app.py"]
