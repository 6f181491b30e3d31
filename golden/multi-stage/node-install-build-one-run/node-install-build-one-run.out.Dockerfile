FROM node:20 AS build
WORKDIR /usr/src/app
COPY . .
RUN npm ci && npm run build
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/package.json /usr/src/app/package.json
COPY --from=build /usr/src/app/node_modules /usr/src/app/node_modules
COPY --from=build /usr/src/app/dist /usr/src/app/dist
EXPOSE 3000
CMD ["node", "dist/server.js"]
