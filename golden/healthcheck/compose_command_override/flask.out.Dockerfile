FROM python:3.9-alpine
RUN apk add curl
WORKDIR /home/app
COPY . .
RUN pip install -r requirements.txt
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "5000"]
CMD ["python", "app.py"]
