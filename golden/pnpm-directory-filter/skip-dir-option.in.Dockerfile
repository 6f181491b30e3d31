FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm -C /app --filter @vextrus/auth-service build
