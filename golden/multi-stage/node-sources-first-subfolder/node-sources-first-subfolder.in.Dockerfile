FROM node:20-alpine

# ffmpeg is run by the backend to transcode videos
RUN apk add --no-cache ffmpeg

WORKDIR /app

COPY . .
RUN npm install
RUN cd frontend && npm install
RUN cd frontend && npm run build

EXPOSE 3001
CMD ["npm", "start"]
