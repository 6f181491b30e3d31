# syntax=docker/dockerfile:1
# Universal production template for the NestJS services (node-service-production.Dockerfile)
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-alpine AS base
RUN apk add --no-cache libc6-compat dumb-init curl
RUN corepack enable && corepack prepare pnpm@9.14.2 --activate
WORKDIR /app

FROM base AS deps
ARG SERVICE_NAME=master-data
RUN apk add --no-cache python3 make g++
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY shared/ ./shared/
COPY services/${SERVICE_NAME}/package.json ./services/${SERVICE_NAME}/
RUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile

FROM deps AS builder
ARG SERVICE_NAME=master-data
COPY services/${SERVICE_NAME} ./services/${SERVICE_NAME}
RUN pnpm --filter "./services/${SERVICE_NAME}" build
RUN ls -la services/${SERVICE_NAME}/dist/

FROM node:${NODE_VERSION}-alpine AS runtime
ARG SERVICE_NAME=master-data
RUN apk add --no-cache tini curl
RUN addgroup -g 1001 -S nodejs && adduser -S nodejs -u 1001 -G nodejs
WORKDIR /app
COPY --from=deps --chown=nodejs:nodejs /app/node_modules ./node_modules
COPY --from=deps --chown=nodejs:nodejs /app/shared ./shared
COPY --from=builder --chown=nodejs:nodejs /app/services/${SERVICE_NAME}/dist ./services/${SERVICE_NAME}/dist
COPY --from=builder --chown=nodejs:nodejs /app/services/${SERVICE_NAME}/package.json ./services/${SERVICE_NAME}/
USER nodejs
WORKDIR /app/services/${SERVICE_NAME}
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "dist/main.js"]
