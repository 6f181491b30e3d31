FROM node:20-slim
WORKDIR /app
COPY . .
EXPOSE 1024
CMD ["node", "server.js"]
