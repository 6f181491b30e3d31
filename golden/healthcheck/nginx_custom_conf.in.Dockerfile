FROM nginx:1.27-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=ghcr.io/acme/web-build:2.1 /app/dist /usr/share/nginx/html
EXPOSE 80
