FROM alpine:3.20
COPY requirements.txt /app/
COPY --chown=app:app src/ /app/src/
