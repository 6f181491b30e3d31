FROM node:20 AS builder
WORKDIR /src
COPY . .
RUN npm ci && npm run build

FROM nginx:1.27
COPY --from=builder /src/deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=builder /src/dist /usr/share/nginx/html
EXPOSE 8080
RUN sed -i 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf \
    && chown -R nginx:nginx /var/cache/nginx
USER 101:101
