FROM node:20-alpine
RUN npm install -g pnpm@9 && npm cache clean --force
WORKDIR /app
COPY pnpm-lock.yaml ./
RUN pnpm fetch --prod
COPY . .
RUN pnpm install --offline --prod
CMD ["node", "server.js"]
