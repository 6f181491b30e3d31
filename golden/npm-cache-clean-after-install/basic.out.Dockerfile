FROM node:20-alpine
RUN npm ci --omit=dev && npm cache clean --force
