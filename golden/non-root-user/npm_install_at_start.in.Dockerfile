FROM node:18
WORKDIR /usr/src/app
COPY . .
EXPOSE 8080
CMD ["sh", "-c", "npm install && npm start"]
