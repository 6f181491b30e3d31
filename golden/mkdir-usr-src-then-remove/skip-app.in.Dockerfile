FROM node:20
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY . .
