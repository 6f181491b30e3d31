FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm install --filter @vextrus/auth-service...
RUN pnpm --filter ...@vextrus/shared-utils test
RUN pnpm --filter @vextrus/auth-service^... build
RUN pnpm --filter ...^@vextrus/kernel test
RUN pnpm --filter @vextrus/auth-service... --filter !@vextrus/kernel build
RUN pnpm --filter "!@vextrus/master-data-service..." build
