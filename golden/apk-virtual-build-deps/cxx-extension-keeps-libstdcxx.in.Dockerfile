FROM python:3.12-alpine
WORKDIR /app
COPY requirements.txt .
# grpcio compiles C++ from source on musl: its .so links libstdc++, which g++ brought in
RUN apk add --no-cache g++ linux-headers \
    && pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "server.py"]
