FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN npm ci && npm cache clean --force
CMD ["node", "server.js"]
