FROM node:20-alpine
RUN set -eux; \
    npm ci; \
    npm cache clean --force; \
    npm run build
