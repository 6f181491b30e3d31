FROM alpine:3.20
ADD requirements.txt /app/
ADD --chown=app:app src/ /app/src/
