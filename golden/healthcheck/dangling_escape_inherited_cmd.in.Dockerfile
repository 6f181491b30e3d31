FROM python:3.12 AS base
CMD ["python", "app.py"]

FROM base
WORKDIR /app
COPY . .
EXPOSE 8000
RUN pip install --no-cache-dir -r requirements.txt \
