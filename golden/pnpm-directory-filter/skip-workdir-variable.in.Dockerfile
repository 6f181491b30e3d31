FROM node:20-alpine
ARG SERVICE_NAME=auth
COPY . /app
WORKDIR /app/services/${SERVICE_NAME}
RUN pnpm --filter @vextrus/shared-utils build
