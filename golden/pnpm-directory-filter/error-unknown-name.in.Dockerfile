FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter @vextrus/billing-service build
# services/legacy is excluded by "!services/legacy" in pnpm-workspace.yaml
RUN pnpm --filter @vextrus/legacy build
