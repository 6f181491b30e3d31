FROM node:20
RUN corepack enable && yarn install --immutable
