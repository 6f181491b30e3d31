FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter "@vextrus/auth-service" build
RUN pnpm '--filter=@vextrus/master-data-service' build
RUN pnpm --filter="@vextrus/shared-utils..." build
