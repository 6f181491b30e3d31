FROM node:20
WORKDIR /app
RUN apt-get update && apt-get install -y ffmpeg && npm install -g pm2
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
CMD ["pm2-runtime", "dist/index.js"]
