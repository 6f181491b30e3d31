# Node 20 + ffmpeg + yt-dlp, single stage (seed 004)
FROM node:20-alpine
RUN apk add --no-cache ffmpeg python3 py3-pip
WORKDIR /app
COPY . .
EXPOSE 3001
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["nc", "-z", "-w", "5", "127.0.0.1", "3001"]
CMD ["npm", "run", "start:prod"]
