FROM node:20-alpine
RUN npm ci && npm cache clean --force
RUN npm install -g pm2 && rm -rf /root/.npm
