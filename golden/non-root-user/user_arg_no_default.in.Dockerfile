FROM python:3.12-slim
ARG RUN_AS
USER $RUN_AS
CMD ["python", "-m", "worker"]
