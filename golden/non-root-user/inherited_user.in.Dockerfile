FROM node:20-alpine AS base
RUN addgroup -S web && adduser -S web -G web
USER web

FROM base AS runtime
WORKDIR /home/web/app
COPY --chown=web:web . .
CMD ["node", "server.js"]
