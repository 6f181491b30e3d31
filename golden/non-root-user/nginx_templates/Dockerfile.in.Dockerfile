FROM nginx:1.27
COPY templates/default.conf.template /etc/nginx/templates/
COPY dist /usr/share/nginx/html
ENV PORT=8080
EXPOSE 8080
