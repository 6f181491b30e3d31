FROM node:20-alpine
RUN npm install -g npm@10
RUN npm ci --prefer-offline
