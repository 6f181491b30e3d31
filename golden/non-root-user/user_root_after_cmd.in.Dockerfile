FROM python:3.12-slim
USER nobody
CMD ["python", "-m", "srv"]
USER root
