FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# python3 also runs the awscli installed here: it is not only node-gyp's
RUN apk add --no-cache python3 make g++ \
    && python3 -m venv /opt/aws && /opt/aws/bin/pip install --no-cache-dir awscli \
    && npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
