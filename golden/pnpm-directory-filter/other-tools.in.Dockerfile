FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npx turbo run build --filter=@vextrus/auth-service
RUN npm run build --workspace @vextrus/auth-service
# after the script name, --filter is an argument of the script, not pnpm's
RUN pnpm run build --filter @vextrus/auth-service
RUN pnpm exec tsc --filter @vextrus/auth-service
