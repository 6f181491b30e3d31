FROM node:20-slim AS deps
WORKDIR /srv
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM deps AS app
COPY . .
CMD ["node", "server.js"]
