# Node 20 + ffmpeg + yt-dlp, single stage (seed 004)
FROM node:20-alpine
RUN apk add --no-cache \
    ffmpeg \
    python3 \
    py3-pip \
    && pip3 install --no-cache-dir --break-system-packages yt-dlp
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY backend/ ./backend/
COPY --from=frontend /app/frontend/dist ./frontend/dist
EXPOSE 3001
RUN chown node:node /app
USER 1000:1000
CMD ["npm", "run", "start:prod"]
