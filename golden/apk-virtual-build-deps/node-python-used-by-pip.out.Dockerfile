FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# python3 also runs the awscli installed here: it is not only node-gyp's
RUN apk add --no-cache --virtual .build-deps make g++ \
    && apk add --no-cache python3 \
    && python3 -m venv /opt/aws && /opt/aws/bin/pip install --no-cache-dir awscli \
    && npm ci --omit=dev \
    && apk del --no-network .build-deps
COPY . .
CMD ["node", "server.js"]
