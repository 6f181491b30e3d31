FROM node:20-alpine
WORKDIR /app
COPY services/auth/ ./
RUN pnpm --filter @vextrus/auth build
