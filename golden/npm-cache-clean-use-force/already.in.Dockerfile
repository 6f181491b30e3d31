FROM node:20
RUN npm install && npm cache clean -f
