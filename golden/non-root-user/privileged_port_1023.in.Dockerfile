FROM node:20-slim
WORKDIR /app
COPY . .
EXPOSE 1023
CMD ["node", "server.js"]
