FROM node:20-alpine
WORKDIR /app
COPY . .
EXPOSE 3000
# liveness is probed by the kubelet
# dockmod: ignore[healthcheck]
CMD ["node", "server.js"]
