from node:20-alpine
workdir /app
copy . .
expose 3000
healthcheck --interval=30s --timeout=5s --start-period=10s --retries=3 \
    cmd ["nc", "-z", "-w", "5", "127.0.0.1", "3000"]
cmd ["node", "server.js"]
