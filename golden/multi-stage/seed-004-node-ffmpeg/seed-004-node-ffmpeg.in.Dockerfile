FROM node:20-alpine

# ffmpeg and yt-dlp are run by the backend to fetch and transcode videos
RUN apk add --no-cache ffmpeg python3 py3-pip curl \
    && pip3 install --no-cache-dir --break-system-packages yt-dlp==2024.1.7

WORKDIR /app

COPY package*.json ./
RUN npm install

COPY frontend/package*.json frontend/
RUN cd frontend && npm install

COPY . .
RUN cd frontend && npm run build

EXPOSE 3001
CMD ["npm", "start"]
