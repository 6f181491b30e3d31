FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN apk add --no-cache python3 py3-pip make g++ \
    && npm ci --omit=dev \
    && env PIP_BREAK_SYSTEM_PACKAGES=1 pip3 install --no-cache-dir awscli
COPY . .
CMD ["node", "server.js"]
