FROM node:20-alpine
RUN apk add --no-cache --virtual .build-deps python3 make g++ \
    && npm install --global imagemin-cli \
    && npm cache clean --force \
    && apk del .build-deps
