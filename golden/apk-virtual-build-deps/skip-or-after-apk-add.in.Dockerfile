FROM node:18-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN apk add --no-cache python3 make g++ || true \
    && yarn install --frozen-lockfile
COPY . .
CMD ["node", "index.js"]
