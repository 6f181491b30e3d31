FROM nginx:1.27-alpine
COPY default.conf /etc/nginx/conf.d/default.conf
COPY site /usr/share/nginx/html
