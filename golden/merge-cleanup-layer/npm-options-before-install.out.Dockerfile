FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm --no-audit --no-fund install --omit=dev && \
    rm -rf /root/.npm
COPY . .
CMD ["node", "server.js"]
