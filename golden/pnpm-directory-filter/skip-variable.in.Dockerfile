FROM node:20-alpine
ARG SERVICE_NAME=auth
WORKDIR /app
COPY . .
RUN pnpm --filter @vextrus/${SERVICE_NAME} build
RUN pnpm --filter "@vextrus/$SERVICE_NAME-service" build
