FROM node:20-alpine
WORKDIR /workspace
COPY . .
WORKDIR services/auth
RUN pnpm --filter ../../shared/utils build
WORKDIR /workspace
RUN cd shared && pnpm --filter ../services/auth build
RUN cd /workspace/shared/utils; pnpm --filter {.}... build
