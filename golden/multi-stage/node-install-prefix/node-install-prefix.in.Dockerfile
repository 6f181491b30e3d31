FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm ci --prefix /opt/deps
COPY . .
RUN npm run build
CMD ["node", "dist/server.js"]
