FROM node:20
RUN yarn global add @vue/cli \
    && yarn cache clean \
    && yarn --version
