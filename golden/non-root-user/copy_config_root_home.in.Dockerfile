FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY config.toml /root/.config/mytool/config.toml
CMD ["python", "-m", "mytool"]
