FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY dist ./dist
EXPOSE 4000
# API_URL is filled in when the container starts
ENTRYPOINT ["sh", "-c", "sed -i \"s#__API_URL__#${API_URL}#g\" dist/config.js && exec node dist/server.js"]
