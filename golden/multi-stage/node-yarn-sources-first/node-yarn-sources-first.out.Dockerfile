FROM node:18-bullseye AS build
WORKDIR /srv/api
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

FROM node:18-bullseye-slim AS runtime
WORKDIR /srv/api
COPY --from=build /srv/api/package.json /srv/api/package.json
COPY --from=build /srv/api/node_modules /srv/api/node_modules
COPY --from=build /srv/api/dist /srv/api/dist
EXPOSE 8080
CMD ["yarn", "start"]
