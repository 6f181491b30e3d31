from node:20-alpine
workdir /app
copy . .
expose 3000
cmd ["node", "server.js"]
