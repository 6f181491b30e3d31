FROM node:20-alpine
WORKDIR /app
RUN npm ci && \
	npm run build && \
	npm prune --omit=dev
RUN npm install && npm run build \
	&& rm -rf src
CMD ["node", "dist/main.js"]
