from node:20 as build
workdir /usr/src/app

copy --chown=node:node package*.json ./
run npm ci
# the app, owned by node
copy --chown=node:node . .
run npm run build
run npm prune --omit=dev

from node:20-slim as runtime
workdir /usr/src/app
copy --from=build /usr/src/app/package.json /usr/src/app/package.json
copy --from=build /usr/src/app/node_modules /usr/src/app/node_modules
copy --from=build /usr/src/app/dist /usr/src/app/dist
expose 3000
cmd ["node", "dist/server.js"]
