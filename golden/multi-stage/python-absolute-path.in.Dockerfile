FROM python:3.12
WORKDIR /srv
RUN pip install --no-cache-dir uvicorn==0.30.1 fastapi==0.111.0
COPY . .
CMD ["/usr/local/bin/uvicorn", "main:app", "--host", "0.0.0.0"]
