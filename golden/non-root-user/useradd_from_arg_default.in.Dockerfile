FROM python:3.12-slim
ARG APP_USER=app
RUN useradd --create-home --uid 1000 "$APP_USER"
WORKDIR /home/app/src
COPY --chown=$APP_USER:$APP_USER . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "main.py"]
