FROM python:3.12-slim
ARG APP_USER=worker
RUN useradd --system ${APP_USER}
USER ${APP_USER}
CMD ["python", "-m", "worker"]
