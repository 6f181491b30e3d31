FROM nginx:1.26
COPY nginx.conf /etc/nginx/nginx.conf
COPY public /usr/share/nginx/html
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
