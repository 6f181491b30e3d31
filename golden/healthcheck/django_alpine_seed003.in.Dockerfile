FROM python:3.13-alpine
RUN apk add --no-cache libpq
WORKDIR /app
COPY . .
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
