FROM nginx:1.27
COPY rootfs/ /
RUN sed -i 's/80;/8080;/' /etc/nginx/conf.d/default.conf
COPY dist /usr/share/nginx/html
