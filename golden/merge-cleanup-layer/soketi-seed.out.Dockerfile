FROM node:22-alpine

WORKDIR /app

# Install curl and git (git needed for npm install)
RUN apk add --no-cache curl git && \
# Install soketi globally
    npm install -g @soketi/soketi && npm cache clean --force && \
# Remove git after installation to reduce size
    apk del git

EXPOSE 6001 9601
CMD ["soketi", "start"]
