from node:20
workdir /usr/src/app
# the app, owned by node
copy --chown=node:node . .

run npm ci
run npm run build
expose 3000
cmd ["node", "dist/server.js"]
