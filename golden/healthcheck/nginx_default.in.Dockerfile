FROM nginx:1.27-alpine
COPY dist/ /usr/share/nginx/html/
