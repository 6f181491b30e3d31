FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
EXPOSE 3000-4000
CMD ["npm", "run", "start:all"]
