FROM node:20-alpine
RUN set -eux; \
    npm ci; \
    npm run build
