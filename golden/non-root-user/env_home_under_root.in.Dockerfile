FROM node:20-alpine
RUN npm install -g homebridge
ENV HB_HOME=/root/.homebridge
CMD ["homebridge", "-U", "/root/.homebridge"]
