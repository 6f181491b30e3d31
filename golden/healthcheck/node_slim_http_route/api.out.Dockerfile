FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 8080
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "require('http').get({host: '127.0.0.1', port: 8080, path: '/health', timeout: 5000}, r => process.exit(r.statusCode >= 200 && r.statusCode < 400 ? 0 : 1)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1))"]
CMD ["node", "server.js"]
