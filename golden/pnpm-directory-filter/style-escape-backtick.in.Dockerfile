# escape=`
FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm install `
    && pnpm --filter=@vextrus/kernel build
