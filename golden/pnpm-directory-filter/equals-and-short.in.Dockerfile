FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter=@vextrus/auth-service build
RUN pnpm -F @vextrus/master-data-service test
RUN pnpm --filter-prod @vextrus/shared-utils install
