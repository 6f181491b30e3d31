FROM node:22-alpine

# Install curl and git (git needed for npm install)
RUN apk add --no-cache curl git && \
# Install soketi globally
    npm install -g @soketi/soketi && npm cache clean --force && \
# Remove git after installation to reduce size
    apk del git

EXPOSE 6001 9601
HEALTHCHECK CMD curl -f http://localhost:6001/ || exit 1
CMD ["soketi", "start"]
