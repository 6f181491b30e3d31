FROM node:20 AS build
WORKDIR /app
RUN npm install -g pm2
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
RUN npm install -g pm2
WORKDIR /app
COPY --from=build /app /app
CMD ["pm2-runtime", "dist/index.js"]
