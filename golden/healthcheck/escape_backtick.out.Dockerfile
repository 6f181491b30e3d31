# escape=`
FROM python:3.12-alpine
RUN apk add --no-cache `
    curl
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 `
    CMD ["curl", "-fsS", "--max-time", "5", "-o", "/dev/null", "http://127.0.0.1:8080/"]
CMD ["python", "-m", "http.server", "8080"]
