FROM node:20-slim
ARG PORT=3333
ENV PORT=${PORT}
WORKDIR /app
COPY . .
EXPOSE ${PORT:-3333}
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", ": </dev/tcp/127.0.0.1/3333"]
CMD ["node", "index.js"]
