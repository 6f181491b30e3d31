# escape=`
FROM python:3.12-alpine
RUN apk add --no-cache `
    curl
EXPOSE 8080
CMD ["python", "-m", "http.server", "8080"]
