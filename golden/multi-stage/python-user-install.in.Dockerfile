FROM python:3.12
WORKDIR /app
RUN pip install --user --no-cache-dir requests==2.32.3
COPY . .
CMD ["python", "bot.py"]
