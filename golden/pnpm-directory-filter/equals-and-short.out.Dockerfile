FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter=./services/auth build
RUN pnpm -F ./services/master-data test
RUN pnpm --filter-prod ./shared/utils install
