# escape=`
FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm install `
    && pnpm --filter=./shared/kernel build
