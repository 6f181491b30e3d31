FROM nginx
COPY site.conf /etc/nginx/conf.d/default.conf
COPY certs/ /etc/nginx/certs/
COPY html /usr/share/nginx/html
