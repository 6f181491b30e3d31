from node:20-alpine
workdir /app
copy . .
run pnpm install \
	&& pnpm --filter @vextrus/auth-service build