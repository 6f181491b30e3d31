FROM node:8
RUN npm install && npm cache clean --force
