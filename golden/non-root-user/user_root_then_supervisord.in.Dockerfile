FROM node:20-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node:node . .
RUN npm ci --omit=dev
USER root
RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*
COPY supervisord.conf /etc/supervisor/conf.d/app.conf
CMD ["/usr/bin/supervisord", "-n"]
