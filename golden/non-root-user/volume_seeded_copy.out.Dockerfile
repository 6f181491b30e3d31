FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY server.js ./
COPY --chown=node:node db.json /data/db.json
VOLUME /data
EXPOSE 3000
RUN mkdir -p /data \
    && chown node:node /app /data
USER 1000:1000
CMD ["node", "server.js", "--watch", "/data/db.json"]
