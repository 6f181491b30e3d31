FROM node:20-slim
ARG PORT=3333
ENV PORT=${PORT}
WORKDIR /app
COPY . .
EXPOSE ${PORT:-3333}
CMD ["node", "index.js"]
