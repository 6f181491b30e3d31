FROM node:18

# python3, make and g++ for native modules (node-gyp)
RUN apt-get update && apt-get install -y python3 make g++

RUN npm install -g pnpm@9.15.9

WORKDIR /app

COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
COPY packages/ packages/
COPY services/auth/package.json services/auth/
RUN pnpm install --frozen-lockfile

COPY services/auth/ services/auth/
RUN pnpm --filter "./services/auth" build

WORKDIR /app/services/auth
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "dist/main.js"]
