FROM node:20
RUN yarn build && yarn cache clean
