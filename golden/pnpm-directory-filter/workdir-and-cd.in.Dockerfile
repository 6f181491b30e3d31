FROM node:20-alpine
WORKDIR /workspace
COPY . .
WORKDIR services/auth
RUN pnpm --filter @vextrus/shared-utils build
WORKDIR /workspace
RUN cd shared && pnpm --filter @vextrus/auth-service build
RUN cd /workspace/shared/utils; pnpm --filter @vextrus/shared-utils... build
