# Node 20 + ffmpeg + yt-dlp, single stage (seed 004)
FROM node:20-alpine
RUN apk add --no-cache ffmpeg python3 py3-pip
WORKDIR /app
COPY . .
EXPOSE 3001
CMD ["npm", "run", "start:prod"]
