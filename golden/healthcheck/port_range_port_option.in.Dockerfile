FROM python:3.12-alpine
COPY . /srv
EXPOSE 8000-8010
CMD ["python", "/srv/main.py"]
