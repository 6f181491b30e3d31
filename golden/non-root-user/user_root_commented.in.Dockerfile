FROM node:20-slim
WORKDIR /app
COPY . .
# The agent reads host sockets mounted at /var/run: it must stay root.
USER root
CMD ["node", "agent.js"]
