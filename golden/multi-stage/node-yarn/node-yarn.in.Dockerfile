FROM node:18-bullseye
WORKDIR /srv/api
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
EXPOSE 8080
CMD ["yarn", "start"]
