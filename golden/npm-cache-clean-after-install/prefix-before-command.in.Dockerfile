FROM node:20-alpine
WORKDIR /app
COPY client/package*.json client/
RUN npm --prefix client ci
