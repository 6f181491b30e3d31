FROM python:3.9-alpine
RUN apk add curl
WORKDIR /home/app
COPY . .
RUN pip install -r requirements.txt
EXPOSE 5000
CMD ["python", "app.py"]
