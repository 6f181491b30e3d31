FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter @vextrus/auth-service --filter @vextrus/master-data-service -F @vextrus/kernel build
