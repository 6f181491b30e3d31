FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# dockmod: ignore[npm-cache-clean-after-install]
RUN npm ci
COPY . .
CMD ["node", "server.js"]
