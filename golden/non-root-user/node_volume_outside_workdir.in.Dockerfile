FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
VOLUME /data
CMD ["node", "server.js", "--userDir", "/data"]
