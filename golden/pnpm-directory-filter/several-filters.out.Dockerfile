FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter ./services/auth --filter ./services/master-data -F ./shared/kernel build
