FROM node:14-buster-slim
WORKDIR /app
RUN curl -fSL "https://example.com/app.tgz" -o app.tgz \
&&  tar zxvf app.tgz \
&&  cd bundle/programs/server \
&&  npm install
CMD ["node", "main.js"]
