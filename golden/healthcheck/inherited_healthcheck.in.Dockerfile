FROM node:20-alpine AS base
HEALTHCHECK CMD wget -q --spider http://127.0.0.1:3000/ || exit 1

FROM base
EXPOSE 3000
CMD ["node", "server.js"]
