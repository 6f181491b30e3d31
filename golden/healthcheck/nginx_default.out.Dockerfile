FROM nginx:1.27-alpine
COPY dist/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:80/"]
