FROM node:20-alpine
RUN apk add --no-cache python3 make g++ \
    && npm install -g bcrypt
CMD ["node"]
