FROM node:20-alpine
ARG SERVICE_NAME=auth
WORKDIR /app
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY shared/ ./shared/
COPY services/${SERVICE_NAME} ./services/${SERVICE_NAME}
RUN pnpm install --frozen-lockfile && pnpm --filter="{./services/${SERVICE_NAME}}..." build
