FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY server.js ./
COPY db.json /data/db.json
VOLUME /data
EXPOSE 3000
CMD ["node", "server.js", "--watch", "/data/db.json"]
