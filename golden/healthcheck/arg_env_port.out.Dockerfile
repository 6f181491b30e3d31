FROM node:20-slim
ARG PORT=3333
ENV PORT=${PORT}
WORKDIR /app
COPY . .
EXPOSE ${PORT:-3333}
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "require('http').get({host: '127.0.0.1', port: 3333, path: '/', timeout: 5000}, r => process.exit(r.statusCode >= 200 && r.statusCode < 400 ? 0 : 1)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1))"]
CMD ["node", "index.js"]
