FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN apk add --no-cache --virtual .build-deps make g++ \
    && apk add --no-cache python3 py3-pip \
    && npm ci --omit=dev \
    && env PIP_BREAK_SYSTEM_PACKAGES=1 pip3 install --no-cache-dir awscli \
    && apk del --no-network .build-deps
COPY . .
CMD ["node", "server.js"]
