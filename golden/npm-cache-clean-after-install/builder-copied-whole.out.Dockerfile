FROM node:20 AS build
RUN npm install -g pnpm && npm cache clean --force
FROM gcr.io/distroless/nodejs20-debian12
COPY --from=build / /
