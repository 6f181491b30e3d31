FROM node:20-alpine AS deps
WORKDIR /src
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY services/ services/
COPY shared/ shared/
RUN pnpm install --frozen-lockfile

FROM node:20-alpine AS build
COPY --from=deps /src /opt/repo
WORKDIR /opt/repo
RUN pnpm --filter @vextrus/master-data-service build
