FROM node:20-alpine
RUN npm install 2>&1 | tee /tmp/npm.log
