FROM node:20-alpine
ARG PACKAGE=ui
WORKDIR /app
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY shared/${PACKAGE} ./shared/${PACKAGE}
RUN pnpm install --frozen-lockfile && pnpm --filter @vextrus/${PACKAGE} build
