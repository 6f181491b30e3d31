FROM python:3.12
WORKDIR /app
COPY . .
EXPOSE 8000
RUN pip install --no-cache-dir -r requirements.txt \
