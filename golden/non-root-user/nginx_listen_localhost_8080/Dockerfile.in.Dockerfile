FROM nginx:1.25
COPY default.conf /etc/nginx/conf.d/
COPY static /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
