FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm install \
    --frozen-lockfile \
    # build the auth service and what it needs
    && pnpm --filter @vextrus/auth-service... build
