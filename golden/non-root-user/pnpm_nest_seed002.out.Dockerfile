FROM node:20-alpine AS base
RUN corepack enable

FROM base AS deps
WORKDIR /repo
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY services/auth/package.json services/auth/
RUN pnpm install --frozen-lockfile --filter "./services/auth"

FROM deps AS builder
COPY services/auth services/auth
RUN pnpm --filter "./services/auth" build

FROM base AS runtime
WORKDIR /repo/services/auth
COPY --from=builder /repo/node_modules /repo/node_modules
COPY --from=builder /repo/services/auth/dist ./dist
COPY --from=builder /repo/services/auth/node_modules ./node_modules
EXPOSE 3001
RUN chown node:node /repo/services/auth
USER 1000:1000
CMD ["node", "dist/main.js"]
