FROM node:18

RUN apt-get update && apt-get install -y nginx

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install
COPY . .
RUN npm run build \
 && rm -rf /var/www/html \
 && cp -r dist /var/www/html

RUN ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log

EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
