FROM node:18-alpine AS assets
WORKDIR /src
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build

FROM nginx:alpine
COPY --from=assets /src/build /usr/share/nginx/html
COPY nginx.tmpl /etc/nginx/templates/default.conf.template
