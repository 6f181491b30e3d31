FROM node:20-alpine
WORKDIR /app
COPY . .
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=1m --retries=5 \
    CMD ["wget", "-q", "--spider", "-T", "3", "http://127.0.0.1:3000/health"]
CMD ["node", "server.js"]
