FROM node:18-bullseye
WORKDIR /srv/api
COPY . .
RUN yarn install --frozen-lockfile
RUN yarn build
EXPOSE 8080
CMD ["yarn", "start"]
