FROM node:20-alpine
WORKDIR /app
COPY . .
# pnpm picks @vextrus/kernel for "kernel": the only scoped package with that name
RUN pnpm --filter ./shared/kernel build
