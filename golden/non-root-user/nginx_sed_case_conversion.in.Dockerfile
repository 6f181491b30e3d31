FROM nginx:1.27-alpine
RUN sed -i 's/server_name  localhost;/server_name  \U&/' /etc/nginx/conf.d/default.conf
COPY dist/ /usr/share/nginx/html/
EXPOSE 80
