FROM node:20-alpine
WORKDIR /app
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY shared/ shared/
COPY services/auth/ services/auth/
RUN pnpm install --frozen-lockfile
RUN env NODE_ENV=production pnpm --filter @vextrus/auth-service build
