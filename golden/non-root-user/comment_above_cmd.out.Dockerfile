FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .

RUN chown node:node /app
USER 1000:1000
# Start the API server; PORT comes from the environment
# (see docs/deploy.md)
CMD ["node", "server.js"]
