FROM node:20-alpine AS build

# ffmpeg is run by the backend to transcode videos
RUN apk add --no-cache ffmpeg

WORKDIR /app

COPY package*.json ./
RUN npm install
COPY frontend/package*.json frontend/
RUN cd frontend && npm install
COPY . .
RUN cd frontend && npm run build
RUN npm prune --omit=dev \
    && npm prune --omit=dev --prefix frontend

FROM node:20-alpine AS runtime
RUN apk add --no-cache ffmpeg
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3001
CMD ["npm", "start"]
