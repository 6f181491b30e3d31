FROM node:20 AS deps
USER node
WORKDIR /home/node/app
COPY --chown=node package*.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-slim
COPY --from=deps /home/node /home/node
USER node
WORKDIR /home/node/app
CMD ["node", "index.js"]
