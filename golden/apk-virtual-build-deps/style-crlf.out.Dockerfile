FROM node:20-alpine
RUN apk add --no-cache --virtual .build-deps python3 make g++ \
    && npm install -g bcrypt \
    && apk del --no-network .build-deps
CMD ["node"]
