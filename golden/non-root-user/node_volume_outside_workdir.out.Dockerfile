FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
VOLUME /data
RUN mkdir -p /data \
    && chown node:node /app /data
USER 1000:1000
CMD ["node", "server.js", "--userDir", "/data"]
