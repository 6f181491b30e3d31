FROM nginx:alpine
RUN echo 'server { listen 8080; root /usr/share/nginx/html; }' > /etc/nginx/conf.d/default.conf
COPY dist/ /usr/share/nginx/html/
EXPOSE 8080
