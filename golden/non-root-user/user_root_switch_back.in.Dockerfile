FROM python:3.12-slim
RUN useradd --system app
USER app
WORKDIR /srv
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libmagic1 && rm -rf /var/lib/apt/lists/*
CMD ["python", "-m", "srv"]
