FROM python:3.12-alpine
WORKDIR /app
COPY requirements.txt .
# grpcio compiles C++ from source on musl: its .so links libstdc++, which g++ brought in
RUN apk add --no-cache --virtual .build-deps g++ linux-headers \
    && apk add --no-cache libstdc++ \
    && pip install --no-cache-dir -r requirements.txt \
    && apk del --no-network .build-deps
COPY . .
CMD ["python", "server.py"]
