FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/config/package.json packages/config/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
RUN pnpm prune --prod

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "dist/server.js"]
