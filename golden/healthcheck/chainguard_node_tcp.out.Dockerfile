FROM cgr.dev/chainguard/node:latest-dev AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev

FROM cgr.dev/chainguard/node:latest
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "require('net').connect({host: '127.0.0.1', port: 3000, timeout: 5000}, () => process.exit(0)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1))"]
CMD ["index.js"]
