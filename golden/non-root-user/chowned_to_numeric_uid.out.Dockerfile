FROM node:20-alpine AS build
WORKDIR /src
COPY . .
RUN npm ci && npm run build

FROM alpine:3.20
WORKDIR /app
COPY --from=build --chown=1000:1000 /src/dist ./dist
USER 1000
CMD ["./dist/server"]
