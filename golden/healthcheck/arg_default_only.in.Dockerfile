FROM python:3.12-alpine
EXPOSE ${PORT:-3333}
CMD ["python", "-m", "app"]
