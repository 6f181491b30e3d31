FROM node:20-slim
WORKDIR /app
COPY . .
EXPOSE 1024
RUN chown node:node /app
USER 1000:1000
CMD ["node", "server.js"]
