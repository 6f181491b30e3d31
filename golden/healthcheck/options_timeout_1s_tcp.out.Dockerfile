FROM node:20-alpine
WORKDIR /app
COPY . .
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=1s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "1", "127.0.0.1", "3000"]
CMD ["node", "server.js"]
