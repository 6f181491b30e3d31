FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm install --filter {./services/auth}...
RUN pnpm --filter ...{./shared/utils} test
RUN pnpm --filter {./services/auth}^... build
RUN pnpm --filter ...^{./shared/kernel} test
RUN pnpm --filter {./services/auth}... --filter !./shared/kernel build
RUN pnpm --filter "!{./services/master-data}..." build
