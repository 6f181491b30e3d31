FROM node:20-alpine
WORKDIR /app
COPY . .
RUN pnpm --filter "@vextrus/*" build
RUN pnpm --filter "@vextrus/*-service..." test
