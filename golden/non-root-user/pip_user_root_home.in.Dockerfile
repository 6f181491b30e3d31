FROM python:3.12-slim
RUN pip install --user --no-cache-dir httpie
ENTRYPOINT ["http"]
