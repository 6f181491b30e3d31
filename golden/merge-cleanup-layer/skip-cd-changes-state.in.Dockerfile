FROM node:20-alpine
RUN apk add --no-cache git && cd /tmp
RUN npm install -g some-tool
RUN apk del git
