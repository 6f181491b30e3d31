FROM node:20-alpine
EXPOSE 3000
HEALTHCHECK NONE
CMD ["node", "server.js"]
