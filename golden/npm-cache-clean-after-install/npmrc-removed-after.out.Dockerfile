FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci --omit=dev && npm cache clean --force && rm -f ~/.npmrc
COPY . .
CMD ["node", "server.js"]
