FROM node:20-alpine
ARG SERVICE_PORT
EXPOSE ${SERVICE_PORT}
CMD ["node", "server.js"]
