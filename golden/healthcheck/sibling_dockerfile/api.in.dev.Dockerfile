FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
EXPOSE 4000 9229
HEALTHCHECK --interval=10s CMD curl -fs http://localhost:4000/_status/live || exit 1
CMD ["npx", "nodemon", "--inspect=0.0.0.0:9229", "index.js"]
