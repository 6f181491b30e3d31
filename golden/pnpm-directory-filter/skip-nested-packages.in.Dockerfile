FROM node:20-alpine
WORKDIR /app
COPY . .
# shared/ui/icons is a workspace package below @vextrus/ui's folder
RUN pnpm --filter @vextrus/ui build
