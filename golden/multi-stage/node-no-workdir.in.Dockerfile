FROM node:20
COPY . .
RUN npm ci && npm run build
CMD ["node", "dist/index.js"]
