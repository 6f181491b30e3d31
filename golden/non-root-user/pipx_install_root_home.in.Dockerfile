FROM python:3.12-slim
RUN pip install --no-cache-dir pipx && pipx install poetry
WORKDIR /app
COPY . .
CMD ["poetry", "run", "python", "main.py"]
