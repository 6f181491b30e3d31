FROM node:20 AS build
RUN npm install -g pnpm
FROM gcr.io/distroless/nodejs20-debian12
COPY --from=build / /
