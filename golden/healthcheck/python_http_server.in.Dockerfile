FROM python:3.12-alpine
WORKDIR /srv/www
COPY site/ .
CMD ["python", "-m", "http.server", "8080"]
