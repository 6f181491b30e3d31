FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter ./services/auth build
RUN pnpm --filter "{./shared/utils}..." build
RUN pnpm --filter "[origin/main]" test
