FROM docker:27-cli AS docker-cli

FROM python:3.12-slim
COPY --from=docker-cli /usr/local/libexec/docker/cli-plugins/docker-compose /usr/local/lib/docker/cli-plugins/
WORKDIR /app
COPY . .
CMD ["python", "deploy.py"]
