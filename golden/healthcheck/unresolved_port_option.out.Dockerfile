FROM node:20-alpine
ARG SERVICE_PORT
EXPOSE ${SERVICE_PORT}
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "3000"]
CMD ["node", "server.js"]
